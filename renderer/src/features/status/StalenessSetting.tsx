import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ChoiceSetting } from '../../components/ChoiceSetting.tsx';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { queryKeys, useNetworkStatus } from '../../data/queries.ts';
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
  return (
    <ChoiceSetting
      id="staleness"
      title={t('truth.staleness')}
      label={t('truth.stalenessHint')}
      source={status}
      current={status.data?.freshness?.staleAfterBlocks ?? 10}
      choices={CHOICES}
      describe={(blocks) => t('truth.stalenessBlocks', { blocks: blocks.toLocaleString(locale) })}
      save={save}
    >
      <ThresholdNote />
    </ChoiceSetting>
  );
}
