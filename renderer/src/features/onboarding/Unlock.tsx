import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useBridge } from '../../data/BridgeContext.tsx';
import { ContractFailure, unwrap } from '../../data/contract.ts';
import { queryKeys, type VaultStatus } from '../../data/queries.ts';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { useCountdown } from '../../errors/useCountdown.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { OnboardingFrame } from './OnboardingFrame.tsx';
import { useAppInfo } from '../../data/queries.ts';

/** The way back when the password is lost: the recovery phrase, into a new vault; where the old vault file is. */
function ForgotPassword({ onRestore }: { onRestore(): void }) {
  const { t } = useI18n();
  const info = useAppInfo();
  return (
    <details className="forgot" data-testid="forgot-password">
      <summary>{t('unlock.forgot')}</summary>
      <p>{t('unlock.forgotBody')}</p>
      {info.data && (
        <p>
          {t('unlock.vaultFile')}:{' '}
          <span className="mono" translate="no">
            {info.data.dataDir}/vault.sqlite
          </span>
        </p>
      )}
      <p className="hint">{t('unlock.forgotWatch')}</p>
      <button type="button" onClick={onRestore} data-testid="restore-start">
        {t('restore.start')}
      </button>
    </details>
  );
}

/** The password prompt of a locked vault, honest about back-off: the button waits out the delay the vault imposes. */
export function Unlock({
  status,
  lockedWhileIdle,
  onRestore,
}: {
  status: VaultStatus;
  lockedWhileIdle: boolean;
  /** Opens the restore from the recovery phrase (the vault gate keeps it open until it is done). */
  onRestore(): void;
}) {
  const { t } = useI18n();
  const bridge = useBridge();
  const client = useQueryClient();
  const [password, setPassword] = useState('');
  const unlock = useMutation({
    mutationFn: () => unwrap(bridge.vaultUnlock({ password })),
    onSuccess: (next) => client.setQueryData(queryKeys.vaultStatus, next),
    // A wrong password starts a back-off; the fresh status says until when.
    onError: () => void client.invalidateQueries({ queryKey: queryKeys.vaultStatus }),
  });
  const retryAt = unlock.error instanceof ContractFailure ? unlock.error.contractError.retryAt : undefined;
  const waitUntil = Math.max(status.backoffUntil ?? 0, retryAt ?? 0);
  const seconds = useCountdown(waitUntil || null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password && seconds === 0) unlock.mutate();
  };
  return (
    <OnboardingFrame title={t('unlock.title')} focusHeading={false}>
      <p>{lockedWhileIdle ? t('unlock.idle') : t('unlock.intro')}</p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="unlock-password">{t('unlock.password')}</label>
          <input
            id="unlock-password"
            type="password"
            autoComplete="current-password"
            autoFocus
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        {unlock.isError && <ErrorNotice error={unlock.error} />}
        {seconds > 0 && !(unlock.error instanceof ContractFailure && unlock.error.code === 'BACKOFF') && (
          <p className="muted" role="status">
            {t('error.BACKOFF.step', { seconds })}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={unlock.isPending || seconds > 0 || !password}>
            {t('unlock.submit')}
          </button>
        </div>
      </form>
      <ForgotPassword onRestore={onRestore} />
    </OnboardingFrame>
  );
}
