import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Loading } from '../../components/Loading.tsx';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { queryKeys, useVaultStatus } from '../../data/queries.ts';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';

const MINUTE = 60_000;
/** 0 is "never" for the vault. */
const CHOICES = [1, 5, 15, 30, 60, 240].map((minutes) => minutes * MINUTE).concat(0);

export function AutoLockSetting() {
  const { t } = useI18n();
  const bridge = useBridge();
  const client = useQueryClient();
  const vault = useVaultStatus();
  const save = useMutation({
    mutationFn: (ms: number) => unwrap(bridge.vaultSetAutoLock({ ms })),
    onSuccess: (status) => client.setQueryData(queryKeys.vaultStatus, status),
  });
  const label = (ms: number) =>
    ms === 0 ? t('autoLock.never') : t('autoLock.minutes', { n: Math.round((ms / MINUTE) * 10) / 10 });
  const current = vault.data?.autoLockMs;
  const options =
    current === undefined || CHOICES.includes(current)
      ? CHOICES
      : [...CHOICES, current].sort((a, b) => (a || Infinity) - (b || Infinity));
  return (
    <section className="card" aria-labelledby="autolock-title">
      <h2 id="autolock-title">{t('settings.autoLock')}</h2>
      {vault.isPending ? (
        <Loading />
      ) : vault.isError ? (
        <ErrorNotice error={vault.error} onRetry={() => void vault.refetch()} />
      ) : (
        <div className="field">
          <label htmlFor="auto-lock">{t('settings.autoLockHint')}</label>
          <select
            id="auto-lock"
            value={vault.data.autoLockMs}
            disabled={save.isPending}
            onChange={(event) => save.mutate(Number(event.target.value))}
          >
            {options.map((ms) => (
              <option key={ms} value={ms}>
                {label(ms)}
              </option>
            ))}
          </select>
          {save.isSuccess && (
            <p className="ok-text" role="status">
              {t('common.saved')}
            </p>
          )}
        </div>
      )}
      {save.isError && <ErrorNotice error={save.error} />}
    </section>
  );
}
