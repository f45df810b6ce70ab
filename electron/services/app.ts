/** The app.* channels (what this app is, an echo for the transports' own checks) and the app.heartbeat event. */
import { readFileSync } from 'node:fs';
import type { AreaHandlers, EventHub } from './registry.ts';

export interface AppIdentity {
  dataDir: string;
  host: 'electron' | 'web';
  /** 'offline': the air-gapped signer (vault only, no network at all). */
  mode?: 'online' | 'offline';
}

export interface AppServiceOptions extends AppIdentity {
  hub: EventHub;
  /** How often app.heartbeat is pushed. */
  heartbeatMs: number;
}

export interface AppService {
  readonly handlers: AreaHandlers<'app'>;
  close(): void;
}

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

export function createAppService(options: AppServiceOptions): AppService {
  let seq = 0;
  const heartbeat = setInterval(
    () => options.hub.emit('app.heartbeat', { seq: seq++, at: Date.now() }),
    options.heartbeatMs,
  );
  heartbeat.unref();
  return {
    handlers: {
      'app.info': () => ({
        name: packageJson.name,
        version: packageJson.version,
        platform: `${process.platform}-${process.arch}`,
        dataDir: options.dataDir,
        host: options.host,
        mode: options.mode ?? 'online',
      }),
      'app.echo': ({ text }) => ({ text, receivedAt: Date.now() }),
    },
    close() {
      clearInterval(heartbeat);
    },
  };
}
