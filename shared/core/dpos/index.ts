// DPoS rules of the protocol core: election, rounds, turn order, missed turns, votes, set hashes.
export { ADDRESS_LENGTH, U64_MAX, compareBytes, hexAddress, type Address } from './bytes.ts';
export * from './election.ts';
export * from './rounds.ts';
export * from './shuffle.ts';
export * from './misses.ts';
export * from './votes.ts';
