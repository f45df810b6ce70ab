import { lazy, Suspense, type MouseEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useBridge } from '../data/BridgeContext.tsx';
import { unwrap } from '../data/contract.ts';
import { queryKeys, useAppInfo } from '../data/queries.ts';
import { ErrorNotice } from '../errors/ErrorNotice.tsx';
import { Overview } from '../features/overview/Overview.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Loading } from '../components/Loading.tsx';

/*
 * Only the overview (the first screen) is in the start bundle; every other screen is its own chunk, fetched the
 * first time it is opened, so the page a member sees first loads and renders sooner.
 */
const SendScreen = lazy(() => import('../features/send/SendScreen.tsx').then((m) => ({ default: m.SendScreen })));
const ReceiveScreen = lazy(() =>
  import('../features/receive/ReceiveScreen.tsx').then((m) => ({ default: m.ReceiveScreen })),
);
const StakeScreen = lazy(() => import('../features/stake/StakeScreen.tsx').then((m) => ({ default: m.StakeScreen })));
const VoteScreen = lazy(() => import('../features/vote/VoteScreen.tsx').then((m) => ({ default: m.VoteScreen })));
const RoundsScreen = lazy(() =>
  import('../features/rounds/RoundsScreen.tsx').then((m) => ({ default: m.RoundsScreen })),
);
const ProducerScreen = lazy(() =>
  import('../features/producer/ProducerScreen.tsx').then((m) => ({ default: m.ProducerScreen })),
);
const MembershipScreen = lazy(() =>
  import('../features/membership/MembershipScreen.tsx').then((m) => ({ default: m.MembershipScreen })),
);
const OfflineScreen = lazy(() =>
  import('../features/offline/OfflineScreen.tsx').then((m) => ({ default: m.OfflineScreen })),
);
const HistoryScreen = lazy(() =>
  import('../features/history/HistoryScreen.tsx').then((m) => ({ default: m.HistoryScreen })),
);
const Settings = lazy(() => import('../features/settings/Settings.tsx').then((m) => ({ default: m.Settings })));
import { screens, type ScreenId } from './screens.ts';
import { useHashScreen } from './useHashScreen.ts';
import { LockIcon } from '../components/Icons.tsx';

function Screen({ id }: { id: ScreenId }) {
  switch (id) {
    case 'overview':
      return <Overview />;
    case 'settings':
      return <Settings />;
    case 'send':
      return <SendScreen />;
    case 'receive':
      return <ReceiveScreen />;
    case 'stake':
      return <StakeScreen />;
    case 'vote':
      return <VoteScreen />;
    case 'rounds':
      return <RoundsScreen />;
    case 'producer':
      return <ProducerScreen />;
    case 'membership':
      return <MembershipScreen />;
    case 'offline':
      return <OfflineScreen />;
    case 'history':
      return <HistoryScreen />;
  }
}

/** The offline signer (app.info mode 'offline') has no network: only the screens that work without one. */
const OFFLINE_SCREENS: ReadonlySet<ScreenId> = new Set(['offline', 'settings']);

function skipToContent(event: MouseEvent) {
  event.preventDefault();
  document.getElementById('page-title')?.focus();
}

/** The unlocked app: persistent navigation to every screen, the lock button, and the current screen. */
export function Shell() {
  const { t } = useI18n();
  const bridge = useBridge();
  const client = useQueryClient();
  const hashScreen = useHashScreen();
  const offlineMode = useAppInfo().data?.mode === 'offline';
  const current = offlineMode && !OFFLINE_SCREENS.has(hashScreen) ? 'offline' : hashScreen;
  const shownScreens = offlineMode ? screens.filter((screen) => OFFLINE_SCREENS.has(screen.id)) : screens;
  const lock = useMutation({
    mutationFn: () => unwrap(bridge.vaultLock({})),
    onSuccess: (status) => client.setQueryData(queryKeys.vaultStatus, status),
  });
  return (
    <div className="shell">
      {/* The address fragment holds the screen, so the skip link moves focus itself instead of following #main. */}
      <a className="skip-link" href="#main" onClick={skipToContent}>
        {t('app.skipToContent')}
      </a>
      <aside className="sidebar">
        <p className="brand">
          <span className="brand-mark" aria-hidden="true">
            C
          </span>
          <span className="nav-label">{t('app.name')}</span>
        </p>
        {offlineMode && (
          <p className="tag warn" role="status" data-testid="offline-badge">
            {t('offline.badge')}
          </p>
        )}
        <nav aria-label={t('nav.label')}>
          <ul>
            {shownScreens.map((screen) => (
              <li key={screen.id}>
                <a
                  href={`#/${screen.id}`}
                  aria-current={screen.id === current ? 'page' : undefined}
                  title={t(screen.label)}
                >
                  <span className="nav-icon" aria-hidden="true">
                    {screen.icon}
                  </span>
                  <span className="nav-label">{t(screen.label)}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button
          type="button"
          className="lock-button"
          onClick={() => lock.mutate()}
          title={t('shell.lockHint')}
          disabled={lock.isPending}
        >
          <span className="nav-icon" aria-hidden="true">
            <LockIcon />
          </span>
          <span className="nav-label">{t('shell.lock')}</span>
        </button>
        {lock.isError && <ErrorNotice error={lock.error} />}
      </aside>
      <main id="main" className="content">
        <Suspense fallback={<Loading />}>
          <Screen key={current} id={current} />
        </Suspense>
      </main>
    </div>
  );
}
