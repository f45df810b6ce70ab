import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MethodOutput } from '../../../../shared/contract/ipc.ts';
import {
  NewPasswordFields,
  newPasswordProblem,
  newPasswordProblemStrict,
  type NewPassword,
} from '../../components/NewPasswordFields.tsx';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { queryKeys } from '../../data/queries.ts';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { StoredName } from '../../i18n/names.tsx';
import { OnboardingFrame } from './OnboardingFrame.tsx';
import { splitWords } from './phraseCheck.ts';

type Plan = MethodOutput<'vault.restorePlan'>;
type Restored = MethodOutput<'vault.restoreFromPhrase'>;
type Account = Plan['restored'][number];

function AccountList({
  accounts,
  testId,
  lost = false,
}: {
  accounts: readonly Account[];
  testId: string;
  lost?: boolean;
}) {
  const { t } = useI18n();
  return (
    <ul className="restore-list" data-testid={testId}>
      {accounts.map((account) => (
        <li key={account.id}>
          <StoredName label={account.label} />{' '}
          {lost && <span className="tag">{t(`restore.kind.${account.kind}`)}</span>}
          <br />
          <span className="mono muted" translate="no">
            {account.address}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** What the phrase brings back and, plainly, what it cannot: asked to be acknowledged before the restore. */
function PlanFacts({ plan }: { plan: Plan }) {
  const { t } = useI18n();
  return (
    <>
      <p data-testid="restore-phrase-name">
        {t('restore.matches')} <StoredName label={plan.phraseLabel} />
      </p>
      <h3>{t('restore.comesBack', { count: plan.restored.length })}</h3>
      <AccountList accounts={plan.restored} testId="restore-back" />
      {(plan.notRestored.length > 0 || plan.consensusKeysLost.length > 0) && (
        <div className="notice warn" data-testid="restore-lost">
          <h3>{t('restore.notBack')}</h3>
          <p>{t('restore.notBackWhy')}</p>
          <AccountList accounts={plan.notRestored} testId="restore-not-back" lost />
          {plan.consensusKeysLost.length > 0 && (
            <ul className="restore-list">
              {plan.consensusKeysLost.map((key) => (
                <li key={key.id}>
                  <StoredName label={key.label} /> <span className="tag">{t('restore.kind.consensus')}</span>
                  <br />
                  <span className="mono muted" translate="no">
                    {key.publicKey}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}

/**
 * The way back from a forgotten password: the recovery phrase rebuilds the vault under a new password.
 * First the phrase is checked against the vault and what cannot come back is listed; the old vault
 * file is kept as a backup (the main process never deletes it), and its place is shown at the end.
 */
export function RestorePhrase({ onCancel, onDone }: { onCancel(): void; onDone(): void }) {
  const { t } = useI18n();
  const bridge = useBridge();
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [password, setPassword] = useState<NewPassword>({ password: '', repeat: '' });
  const [acknowledged, setAcknowledged] = useState(false);
  const [passwordProblem, setPasswordProblem] = useState<string | null>(null);
  const words = splitWords(text).join(' ');
  const check = useMutation({ mutationFn: () => unwrap(bridge.vaultRestorePlan({ words })) });
  const restore = useMutation({
    mutationFn: () => unwrap(bridge.vaultRestoreFromPhrase({ words, newPassword: password.password })),
    onSuccess: (result: Restored) => client.setQueryData(queryKeys.vaultStatus, result.status),
  });
  const plan = check.data;
  const loses = plan !== undefined && (plan.notRestored.length > 0 || plan.consensusKeysLost.length > 0);

  if (restore.data) {
    return (
      <OnboardingFrame title={t('restore.doneTitle')}>
        <p>{t('restore.done', { count: restore.data.plan.restored.length })}</p>
        <p>
          {t('restore.backupAt')}{' '}
          <span className="mono" translate="no" data-testid="restore-backup">
            {restore.data.backupFile}
          </span>
        </p>
        <div className="actions">
          <button type="button" className="primary" onClick={onDone} autoFocus>
            {t('restore.open')}
          </button>
        </div>
      </OnboardingFrame>
    );
  }

  const checkPhrase = (event: FormEvent) => {
    event.preventDefault();
    if (words) check.mutate();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = await newPasswordProblemStrict(password, t);
    setPasswordProblem(found);
    if (!found && (!loses || acknowledged)) restore.mutate();
  };
  return (
    <OnboardingFrame title={t('restore.title')}>
      <p>{t('restore.intro')}</p>
      <form onSubmit={checkPhrase} noValidate>
        <div className="field">
          <label htmlFor="restore-words">{t('import.words')}</label>
          <textarea
            id="restore-words"
            translate="no"
            rows={4}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              if (check.data || check.error) check.reset();
            }}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            aria-describedby="restore-words-hint"
          />
          <p className="hint" id="restore-words-hint">
            {t('import.wordsHint')} {t('import.count', { count: splitWords(text).length })}
          </p>
        </div>
        {check.isError && <ErrorNotice error={check.error} />}
        {!plan && (
          <div className="actions">
            <button type="button" onClick={onCancel}>
              {t('restore.cancel')}
            </button>
            <button type="submit" className="primary" disabled={!words || check.isPending}>
              {t('restore.check')}
            </button>
          </div>
        )}
      </form>
      {plan && (
        <form onSubmit={(event) => void submit(event)} noValidate data-testid="restore-plan" className="restore-plan">
          <PlanFacts plan={plan} />
          <p className="hint">{t('restore.backupNote')}</p>
          <NewPasswordFields
            value={password}
            onChange={(next) => {
              setPassword(next);
              setPasswordProblem(null);
            }}
            labels={{ password: t('password.newLabel'), repeat: t('password.repeatNew') }}
          />
          {loses && (
            <label className="check">
              <input
                type="checkbox"
                checked={acknowledged}
                onChange={(event) => setAcknowledged(event.target.checked)}
              />
              {t('restore.acknowledge')}
            </label>
          )}
          {passwordProblem && (
            <p className="field-error" role="alert">
              {passwordProblem}
            </p>
          )}
          {restore.isError && <ErrorNotice error={restore.error} />}
          <div className="actions">
            <button type="button" onClick={onCancel}>
              {t('restore.cancel')}
            </button>
            <button
              type="submit"
              className="primary"
              disabled={restore.isPending || newPasswordProblem(password, t) !== null || (loses && !acknowledged)}
            >
              {restore.isPending ? t('restore.working') : t('restore.submit')}
            </button>
          </div>
        </form>
      )}
    </OnboardingFrame>
  );
}
