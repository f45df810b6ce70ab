/** network.choose: the person picks the network for the next start; the running one is left alone. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devnetGenesis, genesisToJson } from '../../../shared/core/genesis/index.ts';
import { harness, tempDir } from './helpers.ts';

describe('network.choose', () => {
  const { doc } = devnetGenesis({
    producers: 1,
    seed: new Uint8Array([5]),
    addressPrefix: 'cbank',
    chainId: 'bank-consortium-1',
  });
  const genesis = genesisToJson(doc);

  it('keeps a custom network (genesis and endpoints) for the next start, which then follows it', async () => {
    const dataDir = tempDir();
    const first = harness('none', { dataDir });
    const answer = await first.call('network.choose', {
      kind: 'custom',
      genesis,
      endpoints: ['http://127.0.0.1:1/', 'http://127.0.0.1:1/'],
    });
    expect(answer).toEqual({ kind: 'custom', chainId: 'bank-consortium-1', restartRequired: true });
    expect(JSON.parse(readFileSync(join(dataDir, 'network.json'), 'utf8')).network).toEqual({
      kind: 'custom',
      endpoints: ['http://127.0.0.1:1/'],
    });
    await first.service.close();

    const next = harness(undefined, { dataDir });
    expect(next.service.addressPrefix).toBe('cbank');
    expect(next.service.chain()?.chainId).toBe('bank-consortium-1');
    await next.service.close();

    const back = harness(undefined, { dataDir });
    expect(await back.call('network.choose', { kind: 'devnet' })).toEqual({ kind: 'devnet', restartRequired: true });
    expect(JSON.parse(readFileSync(join(dataDir, 'network.json'), 'utf8')).network).toEqual({
      kind: 'devnet',
      endpoints: [],
    });
    await back.service.close();
  });

  it('refuses a genesis that does not parse, or an endpoint that is not a URL, and changes nothing', async () => {
    const dataDir = tempDir();
    const app = harness('none', { dataDir });
    expect(
      await app.failure('network.choose', {
        kind: 'custom',
        genesis: '{"chainId": 5}',
        endpoints: ['http://127.0.0.1:1/'],
      }),
    ).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/genesis document is not valid/),
    });
    expect(
      await app.failure('network.choose', { kind: 'custom', genesis, endpoints: ['ftp://example'] }),
    ).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/http/) });
    expect(await app.failure('network.choose', { kind: 'custom', genesis, endpoints: [] })).toMatchObject({
      code: 'VALIDATION',
    });
    expect(existsSync(join(dataDir, 'network.json'))).toBe(false);
    await app.service.close();
  });

  it('is refused in offline mode', async () => {
    const app = harness(undefined, { mode: 'offline' });
    expect(await app.failure('network.choose', { kind: 'devnet' })).toMatchObject({ code: 'OFFLINE' });
    await app.service.close();
  });
});
