/** The network service over the real embedded devnet, as the app runs it when no network is configured. */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDevnetService } from '../../../electron/services/devnet/service.ts';
import { eventually, SLOW } from '../light/helpers.ts';
import { harness, tempDir } from './helpers.ts';

describe('the network service over the embedded devnet', () => {
  const dataDir = tempDir();
  const devnet = createDevnetService({ dir: join(dataDir, 'devnet') });
  const app = harness(undefined, { dataDir, devnet });

  afterAll(async () => {
    await app.service.close();
    await devnet.close();
  }, SLOW);

  it('starts the devnet, then verifies its chain and shows its round', { timeout: 2 * SLOW }, async () => {
    app.service.start();
    expect((await app.call('network.status', {})).kind).toBe('devnet');
    await eventually('the light node to follow the devnet', async () => {
      const status = await app.call('network.status', {});
      return !status.syncing && status.verifiedHeight > 1;
    });
    const status = await app.call('network.status', {});
    const chain = app.service.chain()!;
    expect(status).toMatchObject({ kind: 'devnet', chainId: chain.chainId, addressPrefix: chain.addressPrefix });
    expect(app.service.addressPrefix).toBe(chain.addressPrefix);
    expect(status.endpoints).toHaveLength(4);
    const round = await app.call('network.round', {});
    expect(round.slots.some((s) => s.status === 'produced')).toBe(true);
    expect(await app.call('network.candidates', {})).toHaveLength(4);
  });
});
