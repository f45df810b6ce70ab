import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../shared/contract/ipc.ts';
import { useBridge } from '../data/BridgeContext.tsx';
import { useAppInfo } from '../data/queries.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** The app's identity and the live link to the main process, folded away in the footer of every screen. */
export function AboutFooter() {
  const { t, locale } = useI18n();
  const bridge = useBridge();
  const info = useAppInfo();
  const [beat, setBeat] = useState<EventPayload<'app.heartbeat'> | null>(null);
  useEffect(() => bridge.onAppHeartbeat(setBeat), [bridge]);
  return (
    <footer className="about">
      <details>
        <summary>
          {t('about.title')}
          <span className={beat ? 'link-dot live' : 'link-dot'} aria-hidden="true" />
        </summary>
        {info.isError && <p lang="en">{info.error.message}</p>}
        {info.isPending && <p aria-busy="true">{t('about.connecting')}</p>}
        {info.data && (
          <dl data-testid="app-info">
            <dt>{t('about.version')}</dt>
            <dd data-testid="app-version" translate="no">
              {info.data.version}
            </dd>
            <dt>{t('about.platform')}</dt>
            <dd data-testid="app-platform" translate="no">
              {info.data.platform}
            </dd>
            <dt>{t('about.dataDir')}</dt>
            <dd data-testid="app-data-dir" translate="no">
              {info.data.dataDir}
            </dd>
            <dt>{t('about.host')}</dt>
            <dd data-testid="app-host">{info.data.host === 'web' ? t('about.hostWeb') : t('about.hostElectron')}</dd>
          </dl>
        )}
        <p data-testid="heartbeat" aria-live="off">
          {beat
            ? t('about.heartbeat', { seq: beat.seq, time: new Date(beat.at).toLocaleTimeString(locale) })
            : t('about.waiting')}
        </p>
      </details>
    </footer>
  );
}
