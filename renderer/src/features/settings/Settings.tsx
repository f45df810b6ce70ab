import { Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { AppearanceSettings } from './AppearanceSettings.tsx';
import { AutoLockSetting } from './AutoLockSetting.tsx';
import { ChangePassword } from './ChangePassword.tsx';
import { EndpointSettings } from './EndpointSettings.tsx';
import { NetworkChoice } from './NetworkChoice.tsx';
import { StalenessSetting } from '../status/StalenessSetting.tsx';

export function Settings() {
  const { t } = useI18n();
  return (
    <Page title={t('settings.title')}>
      <div className="settings-grid">
        <AppearanceSettings />
        <ChangePassword />
        <AutoLockSetting />
        <EndpointSettings />
        <StalenessSetting />
        <NetworkChoice />
      </div>
    </Page>
  );
}
