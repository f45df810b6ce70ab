import { useEffect, useState } from 'react';
import type { Bridge } from '../../shared/contract/bridge.ts';
import type { EventPayload, MethodOutput } from '../../shared/contract/ipc.ts';
import type { ContractError } from '../../shared/contract/result.ts';

type AppInfo = MethodOutput<'app.info'>;

export function App({ bridge }: { bridge: Bridge }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [beat, setBeat] = useState<EventPayload<'app.heartbeat'> | null>(null);

  useEffect(() => {
    let live = true;
    void bridge.appInfo({}).then((result) => {
      if (!live) return;
      if (result.ok) setInfo(result.value);
      else setError(result.error);
    });
    const unsubscribe = bridge.onAppHeartbeat(setBeat);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [bridge]);

  return (
    <main className="shell">
      <header>
        <h1>Consortia</h1>
        <p className="tagline">Wallet and delegate console</p>
      </header>
      <section aria-labelledby="about-title" className="card">
        <h2 id="about-title">About this app</h2>
        {error && <p role="alert">{error.message}</p>}
        {!info && !error && <p aria-busy="true">Connecting to the main process…</p>}
        {info && (
          <dl data-testid="app-info">
            <dt>Version</dt>
            <dd data-testid="app-version">{info.version}</dd>
            <dt>Platform</dt>
            <dd data-testid="app-platform">{info.platform}</dd>
            <dt>Data directory</dt>
            <dd data-testid="app-data-dir">{info.dataDir}</dd>
            <dt>Connected through</dt>
            <dd data-testid="app-host">{info.host === 'web' ? 'web host (loopback)' : 'Electron'}</dd>
          </dl>
        )}
      </section>
      <section aria-labelledby="live-title" className="card">
        <h2 id="live-title">Live link</h2>
        <p data-testid="heartbeat" aria-live="polite">
          {beat ? `Heartbeat #${beat.seq} at ${new Date(beat.at).toLocaleTimeString()}` : 'Waiting for the first heartbeat…'}
        </p>
      </section>
    </main>
  );
}
