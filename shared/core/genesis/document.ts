/**
 * The genesis document: everything a network starts from. Held here with protocol types
 * (addresses and keys as bytes, amounts as bigint); the JSON form (json.ts) writes addresses in
 * bech32m under `addressPrefix`, keys in hex and u64 amounts as decimal strings.
 */
import type { Address, ChainParameters, PublicKey } from '../types/index.ts';

export interface GenesisMember {
  address: Address;
  /** Organisation name. */
  name: string;
  /** Free text (contact, URL). */
  info: string;
}

export interface GenesisCandidate {
  /** Must be a member's address. */
  address: Address;
  name: string;
  consensusKey: PublicKey;
  endpoint: string;
}

export interface GenesisVote {
  candidate: Address;
  amount: bigint;
}

export interface GenesisAccount {
  address: Address;
  balance: bigint;
  /** Members only. */
  staked: bigint;
  /** Allocations of `staked` to candidates (at most 10, summing to at most `staked`). */
  votes: GenesisVote[];
}

export interface GenesisDoc {
  /** 1–64 printable ASCII characters; enters every signature. */
  chainId: string;
  /** bech32 human part of this network's addresses. */
  addressPrefix: string;
  /** Milliseconds since the Unix epoch: the genesis header's timestamp. */
  genesisTime: bigint;
  parameters: ChainParameters;
  members: GenesisMember[];
  candidates: GenesisCandidate[];
  accounts: GenesisAccount[];
  /** The set of rounds 0 and 1, in this order (certificates index it). */
  initialProducers: Address[];
}

/** Most accounts a genesis may fund (bounds what a decoder of the document allocates). */
export const MAX_GENESIS_ACCOUNTS = 100_000;
