/**
 * The rules a genesis document must keep, checked all at once so one pass lists every problem.
 * Each problem names the entry (by position and, where known, address) and what to fix.
 */
import { bytesToHex as hex } from '@noble/hashes/utils.js';
import { EncodeError, isU64, MAX_U64, type Codec } from '../encoding/index.ts';
import {
  candidateNameCodec,
  chainParametersProblem,
  endpointCodec,
  MAX_MEMBERS,
  MAX_VALIDATORS,
  MAX_VOTES_PER_ACCOUNT,
  memberInfoCodec,
  memberNameCodec,
} from '../types/index.ts';
import { encodeAddress, isStrictPoint, isValidChainId, MAX_CHAIN_ID_LENGTH } from '../crypto/index.ts';
import { MAX_GENESIS_ACCOUNTS, type GenesisDoc } from './document.ts';

/** The codec's own complaint about a value, or undefined if it encodes. */
function codecProblem<T>(codec: Codec<T>, value: T): string | undefined {
  try {
    codec.encode(value);
    return undefined;
  } catch (e) {
    if (e instanceof EncodeError) return e.message;
    throw e;
  }
}

export function isValidAddressPrefix(prefix: string): boolean {
  try {
    encodeAddress(prefix, new Uint8Array(20));
    return true;
  } catch {
    return false;
  }
}

/** Every rule the document breaks, in document order; empty when it is valid. */
export function genesisProblems(doc: GenesisDoc): string[] {
  const problems: string[] = [];
  const add = (p: string): void => void problems.push(p);
  if (!isValidChainId(doc.chainId))
    add(
      `chainId ${JSON.stringify(doc.chainId)} must be 1–${MAX_CHAIN_ID_LENGTH} printable ASCII characters without spaces`,
    );
  const prefixOk = isValidAddressPrefix(doc.addressPrefix);
  if (!prefixOk)
    add(
      `addressPrefix ${JSON.stringify(doc.addressPrefix)} must be 1–16 lower-case letters or digits, starting with a letter`,
    );
  const show = (a: Uint8Array): string => (prefixOk ? encodeAddress(doc.addressPrefix, a) : `0x${hex(a)}`);
  if (!isU64(doc.genesisTime)) add('genesisTime must be a u64 count of milliseconds');
  const paramProblem = chainParametersProblem(doc.parameters);
  if (paramProblem !== undefined) add(`parameters: ${paramProblem}`);

  const members = new Set<string>();
  if (doc.members.length === 0) add('members: a network needs at least one member to govern it');
  if (doc.members.length > MAX_MEMBERS) add(`members: ${doc.members.length} listed, at most ${MAX_MEMBERS}`);
  doc.members.forEach((m, i) => {
    const at = `members[${i}] (${show(m.address)})`;
    if (members.has(hex(m.address))) add(`${at}: listed twice`);
    members.add(hex(m.address));
    const nameIssue = codecProblem(memberNameCodec, m.name) ?? codecProblem(memberInfoCodec, m.info);
    if (nameIssue !== undefined) add(`${at}: ${nameIssue}`);
  });

  const candidates = new Set<string>();
  const names = new Set<string>();
  const keys = new Set<string>();
  doc.candidates.forEach((c, i) => {
    const at = `candidates[${i}] (${show(c.address)})`;
    if (candidates.has(hex(c.address))) add(`${at}: listed twice`);
    candidates.add(hex(c.address));
    if (!members.has(hex(c.address))) add(`${at}: a candidate must be a member; add it to members`);
    const fieldIssue = codecProblem(candidateNameCodec, c.name) ?? codecProblem(endpointCodec, c.endpoint);
    if (fieldIssue !== undefined) add(`${at}: ${fieldIssue}`);
    if (names.has(c.name)) add(`${at}: the name "${c.name}" is already used by another candidate`);
    names.add(c.name);
    if (!isStrictPoint(c.consensusKey)) add(`${at}: consensusKey is not a valid Ed25519 public key`);
    if (keys.has(hex(c.consensusKey))) add(`${at}: consensusKey is already used by another candidate`);
    keys.add(hex(c.consensusKey));
  });

  const accounts = new Set<string>();
  let supply = 0n;
  if (doc.accounts.length > MAX_GENESIS_ACCOUNTS)
    add(`accounts: ${doc.accounts.length} listed, at most ${MAX_GENESIS_ACCOUNTS}`);
  doc.accounts.forEach((a, i) => {
    const at = `accounts[${i}] (${show(a.address)})`;
    if (accounts.has(hex(a.address))) add(`${at}: listed twice; merge the entries`);
    accounts.add(hex(a.address));
    if (!isU64(a.balance) || !isU64(a.staked)) add(`${at}: balance and staked must be u64 amounts`);
    supply += a.balance + a.staked;
    if (a.staked > 0n && !members.has(hex(a.address)))
      add(`${at}: only members may stake; add it to members or set staked to 0`);
    if (a.votes.length > MAX_VOTES_PER_ACCOUNT)
      add(`${at}: votes for ${a.votes.length} candidates, at most ${MAX_VOTES_PER_ACCOUNT}`);
    const voted = new Set<string>();
    let allocated = 0n;
    a.votes.forEach((v, j) => {
      const vat = `${at}.votes[${j}]`;
      if (!candidates.has(hex(v.candidate))) add(`${vat}: ${show(v.candidate)} is not a candidate`);
      if (voted.has(hex(v.candidate))) add(`${vat}: ${show(v.candidate)} appears twice; merge the votes`);
      voted.add(hex(v.candidate));
      if (!isU64(v.amount) || v.amount === 0n) add(`${vat}: the amount must be a u64 amount of at least 1`);
      allocated += v.amount;
    });
    if (allocated > a.staked) add(`${at}: votes total ${allocated} but only ${a.staked} is staked`);
  });
  if (supply > MAX_U64) add(`the total supply ${supply} exceeds the u64 maximum ${MAX_U64}`);

  const producers = new Set<string>();
  const n = doc.initialProducers.length;
  if (n === 0) add('initialProducers: at least one producer is needed to make blocks');
  if (n > Math.min(doc.parameters.activeProducers, MAX_VALIDATORS))
    add(`initialProducers: ${n} listed, more than activeProducers (${doc.parameters.activeProducers})`);
  doc.initialProducers.forEach((p, i) => {
    const at = `initialProducers[${i}] (${show(p)})`;
    if (!candidates.has(hex(p))) add(`${at}: not a candidate; add it to candidates`);
    if (producers.has(hex(p))) add(`${at}: listed twice`);
    producers.add(hex(p));
  });
  return problems;
}
