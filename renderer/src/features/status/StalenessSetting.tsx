import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Loading } from '../../components/Loading.tsx';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { queryKeys, useNetworkStatus } from '../../data/queries.ts';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ThresholdNote } from './TruthNotices.tsx';

const CHOICES = [3, 5, 10, 20, 30, 60, 120, 600];

/** After how many block intervals without a newer verified block the app marks what it shows out of date. */
export function StalenessSetting() {
  const { t, locale } = useI18n();
  const bridge = useBridge();
  const client = useQueryClient();
  const status = useNetworkStatus();
  const save = useMutation({
    mutationFn: (staleAfterBlocks: number) => unwrap(bridge.networkSetStaleness({ staleAfterBlocks })),
    onSuccess: (next) => client.setQueryData(queryKeys.networkStatus, next),
  });
  const current = status.data?.freshness?.staleAfterBlocks;
  const options =
    current === undefined || CHOICES.includes(current) ? CHOICES : [...CHOICES, current].sort((a, b) => a - b);
  return (
    <section className="card" aria-labelledby="staleness-title">
      <h2 id="staleness-title">{t('truth.staleness')}</h2>
      {status.isPending ? (
        <Loading />
      ) : status.isError ? (
        <ErrorNotice error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        <div className="field">
          <label htmlFor="staleness">{t('truth.stalenessHint')}</label>
          <select
            id="staleness"
            value={current ?? 10}
            disabled={save.isPending}
            onChange={(event) => save.mutate(Number(event.target.value))}
          >
            {options.map((blocks) => (
              <option key={blocks} value={blocks}>
                {t('truth.stalenessBlocks', { blocks: blocks.toLocaleString(locale) })}
              </option>
            ))}
          </select>
          <ThresholdNote />
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
