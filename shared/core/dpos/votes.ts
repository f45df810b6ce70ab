// Vote allocation rules (DESIGN §3 `vote`): an account spreads its staked amount over at most 10
// candidates; every allocation is positive and together they never exceed the stake.
//
// A vote transaction carries a list of changes, each naming a distinct candidate (one change per
// candidate keeps a transaction's meaning independent of its order; the payload codec also wants
// them sorted, which this module does not need). Decreases are checked against
// what is allocated now; the limits (10 candidates, total ≤ stake) are checked on the result, so
// one transaction can move votes from one candidate to another. Whether a candidate exists and may
// receive votes needs chain state and is the state transition's check, not this module's.
import { ADDRESS_LENGTH, U64_MAX, assertU64, compareBytes, hexAddress, isU64, type Address } from './bytes.ts';

export const MAX_VOTE_CANDIDATES = 10;

export interface VoteAllocation {
  readonly candidate: Address;
  readonly amount: bigint;
}

/** Same shape as the `vote` payload's change, so the state transition can pass those through. */
export interface VoteChange {
  readonly candidate: Address;
  /** true allocates more stake to the candidate; false withdraws some. */
  readonly increase: boolean;
  readonly amount: bigint;
}

export type VoteResult =
  | { readonly ok: true; readonly allocations: readonly VoteAllocation[] }
  | { readonly ok: false; readonly reason: string };

export interface VoteOptions {
  /** How reasons name a candidate; pass the network's bech32m encoder. Defaults to 0x-hex. */
  readonly formatAddress?: (address: Address) => string;
}

export function totalAllocated(allocations: readonly VoteAllocation[]): bigint {
  return allocations.reduce((sum, a) => sum + a.amount, 0n);
}

/** Staked amount not allocated to any candidate (what `unstake` may take). */
export function unallocatedStake(allocations: readonly VoteAllocation[], staked: bigint): bigint {
  assertU64(staked, 'staked');
  const total = totalAllocated(allocations);
  // State must never hold more allocated than staked; if it does, a slash forgot to trim votes.
  if (total > staked) throw new RangeError(`allocations total ${total} exceed the stake ${staked}`);
  return staked - total;
}

/** Why a set of allocations breaks the rules, or null if it keeps them. */
export function checkAllocations(
  allocations: readonly VoteAllocation[],
  staked: bigint,
  options: VoteOptions = {},
): string | null {
  const name = options.formatAddress ?? hexAddress;
  if (!isU64(staked)) return `stake ${String(staked)} is not an unsigned 64-bit amount`;
  for (let i = 0; i < allocations.length; i++) {
    const a = allocations[i] as VoteAllocation;
    if (!(a.candidate instanceof Uint8Array) || a.candidate.length !== ADDRESS_LENGTH)
      return `allocation ${i} has no valid address`;
    if (!isU64(a.amount) || a.amount === 0n)
      return `allocation to ${name(a.candidate)} must be a positive 64-bit amount`;
    const prev = allocations[i - 1];
    if (prev && compareBytes(prev.candidate, a.candidate) >= 0)
      return 'allocations must be sorted by candidate with no repeats';
  }
  if (allocations.length > MAX_VOTE_CANDIDATES) {
    return `${allocations.length} candidates; at most ${MAX_VOTE_CANDIDATES}`;
  }
  const total = totalAllocated(allocations);
  if (total > staked) return `would allocate ${total} but only ${staked} is staked`;
  return null;
}

/**
 * Applies a vote transaction's changes to an account's current allocations (sorted by candidate,
 * as stored). Returns the new allocations, sorted, with any that reached zero removed — or the
 * reason the whole transaction is rejected. `current` must already satisfy the rules.
 */
export function applyVoteChanges(
  current: readonly VoteAllocation[],
  changes: readonly VoteChange[],
  staked: bigint,
  options: VoteOptions = {},
): VoteResult {
  const name = options.formatAddress ?? hexAddress;
  const broken = checkAllocations(current, staked, options);
  if (broken !== null) throw new RangeError(`current allocations are invalid: ${broken}`);
  if (changes.length === 0) return fail('a vote must change at least one allocation');

  const amounts = new Map<string, VoteAllocation>();
  for (const a of current) amounts.set(hexAddress(a.candidate), a);

  const touched = new Set<string>();
  for (const change of changes) {
    const { candidate, increase, amount } = change;
    if (!(candidate instanceof Uint8Array) || candidate.length !== ADDRESS_LENGTH) {
      return fail(`a candidate address must be ${ADDRESS_LENGTH} bytes`);
    }
    const key = hexAddress(candidate);
    if (touched.has(key)) return fail(`candidate ${name(candidate)} appears more than once; combine the changes`);
    touched.add(key);
    if (!isU64(amount) || amount === 0n)
      return fail(`change for candidate ${name(candidate)} must be a positive 64-bit amount`);

    const have = amounts.get(key)?.amount ?? 0n;
    let next: bigint;
    if (increase) {
      next = have + amount;
      if (next > U64_MAX) return fail(`allocation to candidate ${name(candidate)} would overflow a 64-bit amount`);
    } else {
      if (amount > have)
        return fail(`cannot withdraw ${amount} from candidate ${name(candidate)}: only ${have} allocated`);
      next = have - amount;
    }
    amounts.set(key, { candidate, amount: next });
  }

  const allocations = [...amounts.values()]
    .filter((a) => a.amount > 0n)
    .sort((a, b) => compareBytes(a.candidate, b.candidate));
  if (allocations.length > MAX_VOTE_CANDIDATES) {
    return fail(`${allocations.length} candidates; at most ${MAX_VOTE_CANDIDATES}`);
  }
  const total = totalAllocated(allocations);
  if (total > staked) return fail(`would allocate ${total} but only ${staked} is staked`);
  return { ok: true, allocations };
}

const fail = (reason: string): VoteResult => ({ ok: false, reason });
