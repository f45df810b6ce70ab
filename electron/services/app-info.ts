import type { Handlers } from './registry.ts';
import { readFileSync } from 'node:fs';

export interface AppIdentity {
  dataDir: string;
  host: 'electron' | 'web';
  /** 'offline': the air-gapped signer (vault only, no network at all). */
  mode?: 'online' | 'offline';
}

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

export function appInfoHandlers(identity: AppIdentity): Pick<Handlers, 'app.info' | 'app.echo'> {
  return {
    'app.info': () => ({
      name: packageJson.name,
      version: packageJson.version,
      platform: `${process.platform}-${process.arch}`,
      dataDir: identity.dataDir,
      host: identity.host,
      mode: identity.mode ?? 'online',
    }),
    'app.echo': ({ text }) => ({ text, receivedAt: Date.now() }),
  };
}
