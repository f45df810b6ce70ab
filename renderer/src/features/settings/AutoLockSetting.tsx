import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ChoiceSetting } from '../../components/ChoiceSetting.tsx';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { queryKeys, useVaultStatus } from '../../data/queries.ts';
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
  return (
    <ChoiceSetting
      id="auto-lock"
      title={t('settings.autoLock')}
      label={t('settings.autoLockHint')}
      source={vault}
      current={vault.data?.autoLockMs}
      choices={CHOICES}
      order={(a, b) => (a || Infinity) - (b || Infinity)}
      describe={(ms) =>
        ms === 0 ? t('autoLock.never') : t('autoLock.minutes', { n: Math.round((ms / MINUTE) * 10) / 10 })
      }
      save={save}
    />
  );
}
