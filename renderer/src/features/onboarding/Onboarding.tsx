import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import type { VaultStatus } from '../../data/queries.ts';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { ChooseStart, type StartPath } from './ChooseStart.tsx';
import { CheckPhrase } from './CheckPhrase.tsx';
import { ImportPhrase } from './ImportPhrase.tsx';
import { SetPassword } from './SetPassword.tsx';
import { ShowPhrase } from './ShowPhrase.tsx';

type Step =
  | { name: 'choose' }
  | { name: 'password'; path: StartPath }
  | { name: 'phrase' | 'check'; words: string[] }
  | { name: 'import' };

/**
 * First run: choose to create or import, set the vault password (skipped when the vault exists but
 * holds no account yet), then either see the new phrase and prove it was written down, or import one.
 * The phrase lives only in this component's state, and only until the check passes.
 */
export function Onboarding({ status, onDone }: { status: VaultStatus; onDone(): void }) {
  const bridge = useBridge();
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [passwordSteps] = useState(status.exists ? 0 : 1);
  const makePhrase = useMutation({
    mutationFn: () => unwrap(bridge.vaultCreateMnemonic({})),
    onSuccess: ({ words }) => setStep({ name: 'phrase', words: words.split(' ') }),
  });
  const afterPassword = (path: StartPath) => (path === 'create' ? makePhrase.mutate() : setStep({ name: 'import' }));
  const choose = (path: StartPath) => (status.exists ? afterPassword(path) : setStep({ name: 'password', path }));

  switch (step.name) {
    case 'choose':
      return (
        <>
          <ChooseStart onChoose={choose} busy={makePhrase.isPending} />
          {makePhrase.isError && <ErrorNotice error={makePhrase.error} onRetry={() => makePhrase.mutate()} />}
        </>
      );
    case 'password':
      return (
        <>
          <SetPassword
            status={status}
            step={{ current: 1, total: step.path === 'create' ? 3 : 2 }}
            onCreated={() => afterPassword(step.path)}
            onBack={() => setStep({ name: 'choose' })}
          />
          {makePhrase.isError && <ErrorNotice error={makePhrase.error} onRetry={() => makePhrase.mutate()} />}
        </>
      );
    case 'phrase':
      return (
        <ShowPhrase
          words={step.words}
          step={{ current: passwordSteps + 1, total: passwordSteps + 2 }}
          onWritten={() => setStep({ name: 'check', words: step.words })}
        />
      );
    case 'check':
      return (
        <CheckPhrase
          words={step.words}
          step={{ current: passwordSteps + 2, total: passwordSteps + 2 }}
          onChecked={onDone}
          onShowAgain={() => setStep({ name: 'phrase', words: step.words })}
        />
      );
    case 'import':
      return (
        <ImportPhrase
          step={{ current: passwordSteps + 1, total: passwordSteps + 1 }}
          onImported={onDone}
          {...(passwordSteps === 0 ? { onBack: () => setStep({ name: 'choose' }) } : {})}
        />
      );
  }
}
