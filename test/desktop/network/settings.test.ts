/** Settings and modes that need no running network: offline, no network, damaged settings. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devnetGenesis } from '../../../shared/core/genesis/index.ts';
import { ServiceError } from '../../../electron/services/errors.ts';
import { genesisFile, harness, tempDir } from './helpers.ts';

describe('network settings and modes', () => {
  it('in offline mode, ready() and every network channel refuse with OFFLINE', async () => {
    const app = harness(undefined, { mode: 'offline' });
    app.service.start();
    await expect(app.service.ready()).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(app.service.chain()).toBeNull();
    for (const [method, input] of [
      ['network.status', {}],
      ['network.round', {}],
      ['network.candidates', {}],
      ['network.addEndpoint', { url: 'http://127.0.0.1:1/' }],
      ['network.checkAddress', { address: 'cdev1qqqq' }],
    ] as const) {
      expect(await app.failure(method, input)).toMatchObject({
        code: 'OFFLINE',
        message: expect.stringMatching(/offline mode/),
      });
    }
    await app.service.close();
  });

  it("with the choice 'none', nothing starts and the channels say why", async () => {
    const app = harness('none');
    app.service.start();
    await expect(app.service.ready()).rejects.toBeInstanceOf(ServiceError);
    expect(await app.failure('network.status', {})).toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/No network was chosen/),
    });
    await app.service.close();
  });

  it('a damaged settings file is reported with a readable reason and left as it is', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'network.json');
    writeFileSync(file, '{"version": 1, "network": {"kind": "custom", "endpoints": ["not a url"]}}');
    const app = harness(undefined, { dataDir });
    app.service.start();
    const status = await app.call('network.status', {});
    expect(status.problem).toMatch(/network settings in .+network\.json are not valid at "network\.endpoints\.0"/);
    await expect(app.service.ready()).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/Fix the file or delete it/),
    });
    expect(await app.failure('network.addEndpoint', { url: 'http://127.0.0.1:1/' })).toMatchObject({
      code: 'UNAVAILABLE',
    });
    expect(readFileSync(file, 'utf8')).toContain('not a url');
    await app.service.close();

    writeFileSync(file, '{"version": 1, "net');
    const broken = harness(undefined, { dataDir });
    expect((await broken.call('network.status', {})).problem).toMatch(/are damaged/);
    await broken.service.close();
  });

  it('an explicit choice moves a damaged settings file aside and says so', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'network.json'), 'not json');
    const { doc } = devnetGenesis({ producers: 1, seed: new Uint8Array([3]), addressPrefix: 'ctest' });
    const app = harness({ genesisFile: genesisFile(doc), endpoints: ['http://127.0.0.1:1/'] }, { dataDir });
    expect(app.service.addressPrefix).toBe('ctest');
    expect(app.service.chain()?.chainId).toBe(doc.chainId);
    expect(JSON.parse(readFileSync(join(dataDir, 'network.json'), 'utf8')).network).toEqual({
      kind: 'custom',
      endpoints: ['http://127.0.0.1:1/'],
    });
    expect(readFileSync(join(dataDir, 'network-genesis.json'), 'utf8')).toContain('ctest');
    await app.service.close();
  });

  it('a genesis file that does not parse is refused with the reason', async () => {
    const source = join(tempDir(), 'genesis.json');
    writeFileSync(source, '{"chainId": 5}');
    const app = harness({ genesisFile: source, endpoints: [] });
    expect((await app.call('network.status', {})).problem).toMatch(/The genesis document .+genesis\.json is not valid/);
    await app.service.close();
  });
});
