import { describe, expect, it } from 'vitest';
import { DEVNET_BALANCE, devnetGenesis, genesisHash, genesisProblems } from '../../../shared/core/genesis/index.ts';

const seed = new TextEncoder().encode('funded members');
const options = { producers: 4, seed, chainId: 'funded-net', genesisTime: 7n };
const walletAddress = new Uint8Array(20).fill(0xab);

describe('devnetGenesis fundedMembers', () => {
  it('leaves the document and keys exactly as they were when absent or empty', () => {
    const plain = devnetGenesis(options);
    expect(devnetGenesis({ ...options, fundedMembers: [] })).toEqual(plain);
    expect(genesisHash(devnetGenesis({ ...options, fundedMembers: [] }).doc)).toEqual(genesisHash(plain.doc));
  });

  it('adds each address as a member funded like the generated ones, without stake or votes, after them', () => {
    const plain = devnetGenesis(options);
    const funded = devnetGenesis({ ...options, fundedMembers: [{ address: walletAddress, name: 'Desktop wallet' }] });
    expect(genesisProblems(funded.doc)).toEqual([]);
    expect(funded.producerKeys).toEqual(plain.producerKeys);
    expect(funded.memberKeys).toEqual(plain.memberKeys);
    expect(funded.doc.members.slice(0, -1)).toEqual(plain.doc.members);
    expect(funded.doc.members.at(-1)).toMatchObject({ address: walletAddress, name: 'Desktop wallet' });
    expect(funded.doc.accounts.slice(0, -1)).toEqual(plain.doc.accounts);
    expect(funded.doc.accounts.at(-1)).toEqual({
      address: walletAddress,
      balance: DEVNET_BALANCE,
      staked: 0n,
      votes: [],
    });
    expect(funded.doc.candidates).toEqual(plain.doc.candidates);
    expect(genesisHash(funded.doc)).not.toEqual(genesisHash(plain.doc));
  });

  it('refuses an address that is already a member, through the genesis rules', () => {
    const plain = devnetGenesis(options);
    const twice = devnetGenesis({
      ...options,
      fundedMembers: [{ address: plain.memberKeys[0]!.address, name: 'Again' }],
    });
    expect(genesisProblems(twice.doc).join('\n')).toMatch(/member|account/i);
  });
});
