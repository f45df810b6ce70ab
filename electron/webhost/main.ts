import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createServices } from '../services/index.ts';
import { defaultDataDir } from '../services/paths.ts';
import { startWebHost } from './server.ts';
import { installLastResort } from '../../shared/node/last-resort.ts';

/** `npm run web`: the main-process services under plain Node, with the renderer served on 127.0.0.1. */
async function main(): Promise<void> {
  // One failed request must not close the wallet a person is using; the fault is reported on stderr (docs/SECURITY.md).
  installLastResort({ processName: 'consortia web host', policy: 'keep-running' });
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
      // devnet (the default): the embedded 4-producer devnet in DATA/devnet; none: no network at all.
      network: { type: 'string' },
      // The air-gapped signer: vault only, no network connection at all.
      offline: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got "${values.port}"`);
  const network = values.network;
  if (network !== undefined && network !== 'devnet' && network !== 'none')
    throw new Error(`--network must be devnet or none, got "${network}"`);
  if (values.offline && network !== undefined) throw new Error('--offline uses no network; leave out --network.');
  const services = createServices({
    dataDir: values['data-dir'] ?? defaultDataDir(),
    host: 'web',
    mode: values.offline ? 'offline' : 'online',
    ...(network ? { network } : {}),
  });
  const host = await startWebHost({
    services,
    port,
    rendererDir: values['renderer-dir'] ?? fileURLToPath(new URL('../../out/renderer', import.meta.url)),
  });
  process.stdout.write(
    `Consortia web host${values.offline ? ' (offline mode: vault only, no network)' : ''} listening on 127.0.0.1:${host.port}\nOpen: ${host.url}\n`,
  );
  const stop = () => {
    void host
      .close()
      .then(() => services.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`consortia web: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
