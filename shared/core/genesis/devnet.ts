/**
 * A development network from a seed: N producers that are members and candidates with stake and
 * self-votes, a few funded members without stake, and parameters suited to tests (N active
 * producers, 1 s blocks, one block per turn, short unbonding, jail and proposal periods).
 *
 * Keys: every account key is SLIP-0010 account 0 under the seed sha256(seed ‖ label), and every
 * consensus key is sha256(seed ‖ label) used as the Ed25519 secret itself, with labels such as
 * "consortia-devnet/producer/2/account". No BIP39 mnemonics: their PBKDF2 step costs about half
 * a second per key in pure JS, too slow for tests that build many networks; the secret keys are
 * returned instead. The same seed and options always give the same document and keys.
 */
import { MAX_VALIDATORS, type Address, type ChainParameters } from '../types/index.ts';
import { addressBytes, deriveAccountKey, publicKeyFromSecret, sha256 } from '../crypto/index.ts';
import type { GenesisDoc } from './document.ts';

export interface DevnetOptions {
  /** Producers N (1–256): members, candidates, initial producers. */
  producers: number;
  /** Any bytes; all keys derive from it. */
  seed: Uint8Array;
  chainId?: string;
  addressPrefix?: string;
  /** Members without stake, funded for tests (default 2). */
  extraMembers?: number;
  genesisTime?: bigint;
  /** Endpoint of producer i (default ws://127.0.0.1:(26656 + i)). */
  endpoint?: (index: number) => string;
  parameters?: Partial<ChainParameters>;
  /**
   * Members whose keys live elsewhere (a wallet's own account), funded like the generated members and without
   * stake; listed after them. Absent or empty: the document is exactly what it would be without the option.
   */
  fundedMembers?: readonly DevnetFundedMember[];
}

export interface DevnetFundedMember {
  address: Address;
  /** The member's name in genesis (1–64 characters). */
  name: string;
}

export interface DevnetAccountKey {
  address: Address;
  accountSecretKey: Uint8Array;
  accountPublicKey: Uint8Array;
}

export interface DevnetProducerKey extends DevnetAccountKey {
  consensusSecretKey: Uint8Array;
  consensusPublicKey: Uint8Array;
}

export interface Devnet {
  doc: GenesisDoc;
  producerKeys: DevnetProducerKey[];
  memberKeys: DevnetAccountKey[];
}

/** Base units per whole token on the devnet (display convention only). */
export const DEVNET_UNIT = 1_000_000n;
export const DEVNET_BALANCE = 1_000_000n * DEVNET_UNIT;
export const DEVNET_STAKE = 100_000n * DEVNET_UNIT;

export function devnetParameters(producers: number): ChainParameters {
  return {
    activeProducers: producers,
    // A set that can still reach a BFT quorum: below ⌊2N/3⌋+1 eligible, the current set carries on.
    minProducers: Math.min(producers, Math.floor((2 * producers) / 3) + 1),
    blockIntervalMs: 1000,
    blocksPerTurn: 1,
    minVoteRatioPpm: 0,
    unbondingPeriodBlocks: 20n,
    missLimit: 3,
    jailPeriodBlocks: 10n,
    minFee: 1000n,
    blockReward: DEVNET_UNIT,
    proposalPeriodBlocks: 20n,
    slashPpm: 50_000,
    reporterRewardPpm: 100_000,
    maxBlockTransactions: 1000,
  };
}

function derive(seed: Uint8Array, label: string): Uint8Array {
  const tag = new TextEncoder().encode(`consortia-devnet/${label}`);
  const preimage = new Uint8Array(seed.length + tag.length);
  preimage.set(seed);
  preimage.set(tag, seed.length);
  return sha256(preimage);
}

function accountKey(seed: Uint8Array, label: string): DevnetAccountKey {
  const { secretKey, publicKey } = deriveAccountKey(derive(seed, `${label}/account`), 0);
  return { address: addressBytes(publicKey), accountSecretKey: secretKey, accountPublicKey: publicKey };
}

export function devnetGenesis(options: DevnetOptions): Devnet {
  const { producers: n, seed, extraMembers = 2 } = options;
  if (!Number.isInteger(n) || n < 1 || n > MAX_VALIDATORS)
    throw new RangeError(`producers must be 1..${MAX_VALIDATORS}, got ${n}`);
  if (!Number.isInteger(extraMembers) || extraMembers < 0)
    throw new RangeError(`extraMembers must be a non-negative integer, got ${extraMembers}`);
  const funded = options.fundedMembers ?? [];
  const endpoint = options.endpoint ?? ((i: number) => `ws://127.0.0.1:${26656 + i}`);

  const producerKeys = Array.from({ length: n }, (_, i): DevnetProducerKey => {
    const consensusSecretKey = derive(seed, `producer/${i}/consensus`);
    return {
      ...accountKey(seed, `producer/${i}`),
      consensusSecretKey,
      consensusPublicKey: publicKeyFromSecret(consensusSecretKey),
    };
  });
  const memberKeys = Array.from({ length: extraMembers }, (_, i) => accountKey(seed, `member/${i}`));

  const doc: GenesisDoc = {
    chainId: options.chainId ?? 'consortia-devnet',
    addressPrefix: options.addressPrefix ?? 'cdev',
    genesisTime: options.genesisTime ?? 0n,
    parameters: { ...devnetParameters(n), ...options.parameters },
    members: [
      ...producerKeys.map((k, i) => ({
        address: k.address,
        name: `Devnet producer ${i}`,
        info: 'generated devnet member',
      })),
      ...memberKeys.map((k, i) => ({
        address: k.address,
        name: `Devnet member ${i}`,
        info: 'generated devnet member',
      })),
      ...funded.map((m) => ({ address: m.address, name: m.name, info: 'funded devnet member' })),
    ],
    candidates: producerKeys.map((k, i) => ({
      address: k.address,
      name: `producer-${i}`,
      consensusKey: k.consensusPublicKey,
      endpoint: endpoint(i),
    })),
    accounts: [
      ...producerKeys.map((k) => ({
        address: k.address,
        balance: DEVNET_BALANCE,
        staked: DEVNET_STAKE,
        votes: [{ candidate: k.address, amount: DEVNET_STAKE }],
      })),
      ...memberKeys.map((k) => ({ address: k.address, balance: DEVNET_BALANCE, staked: 0n, votes: [] })),
      ...funded.map((m) => ({ address: m.address, balance: DEVNET_BALANCE, staked: 0n, votes: [] })),
    ],
    initialProducers: producerKeys.map((k) => k.address),
  };
  return { doc, producerKeys, memberKeys };
}
