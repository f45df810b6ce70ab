// The devnet folder on its own (no nodes): ports the system picked are remembered, a creation that fails leaves
// nothing behind, and the caller's files and funded members land in a new devnet.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEVNET_BALANCE } from '../../../shared/core/genesis/index.ts';
import { DevnetError, openDevnetFolder, p2pUrl } from '../../../chain/devnet/index.ts';

const parent = () => mkdtempSync(join(tmpdir(), 'consortia-devnet-folder-'));
const request = (dir: string) => ({ dir, producers: 2, blockTimeMs: 500, ports: 'free' as const });

describe('devnet folder', () => {
  it('picks free ports on creation, writes the P2P ones into genesis, and resumes with them', async () => {
    const dir = join(parent(), 'devnet');
    const created = await openDevnetFolder(request(dir));
    expect(created.created).toBe(true);
    expect(new Set(created.ports.flatMap((p) => [p.p2p, p.rpc])).size).toBe(4);
    expect(created.doc.candidates.map((c) => c.endpoint)).toEqual(created.ports.map((p) => p2pUrl(p.p2p)));
    expect(JSON.parse(readFileSync(join(dir, 'devnet.json'), 'utf8')).ports).toEqual(created.ports);

    const resumed = await openDevnetFolder({ ...request(dir), producers: 3 });
    expect(resumed.created).toBe(false);
    expect(resumed.genesisHash).toBe(created.genesisHash);
    expect(resumed.consensusKeys).toHaveLength(2);
    expect(resumed.ports.map((p) => p.p2p)).toEqual(created.ports.map((p) => p.p2p));
  });

  it("adds the caller's files and funded members to a new devnet", async () => {
    const dir = join(parent(), 'devnet');
    const wallet = new Uint8Array(20).fill(9);
    const created = await openDevnetFolder({
      ...request(dir),
      onCreate: (folder) => {
        writeFileSync(join(folder, 'mine.txt'), 'hello');
        return { fundedMembers: [{ address: wallet, name: 'Wallet' }] };
      },
    });
    expect(readFileSync(join(dir, 'mine.txt'), 'utf8')).toBe('hello');
    expect(created.doc.accounts.at(-1)).toEqual({ address: wallet, balance: DEVNET_BALANCE, staked: 0n, votes: [] });
  });

  it('leaves nothing behind when creation fails, and refuses a folder holding something else', async () => {
    const home = parent();
    const dir = join(home, 'devnet');
    const failing = openDevnetFolder({
      ...request(dir),
      onCreate: () => {
        throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(readdirSync(home)).toEqual([]);

    const other = join(home, 'other');
    await openDevnetFolder(request(join(other, 'inner')));
    await expect(openDevnetFolder(request(other))).rejects.toBeInstanceOf(DevnetError);
    expect(existsSync(join(other, 'genesis.json'))).toBe(false);
  });
});
