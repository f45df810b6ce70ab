/**
 * Vote thresholds for N validators of equal power (each DPoS producer has one vote).
 *
 * quorum(N) = ⌊2N/3⌋ + 1 is the smallest count strictly above 2N/3, so two quorums share more
 * than N/3 members. The most faults tolerated is f = N − quorum(N) = ⌈N/3⌉ − 1, the largest integer
 * strictly below N/3: then any two quorums share ≥ f + 1 members (at least one honest), and the
 * N − f honest validators still form a quorum on their own. For N = 3f + 1 this is the paper's
 * 2f + 1 / f + 1; for N = 3f + 2 or 3f + 3 the quorum grows (N = 5 → 4, N = 6 → 5) while f stays.
 * The paper's "f + 1" threshold (round skipping) is therefore N − quorum(N) + 1: any f + 1 senders
 * include an honest one.
 */
export function quorum(validatorCount: number): number {
  assertCount(validatorCount);
  return Math.floor((2 * validatorCount) / 3) + 1;
}

/** Largest number of Byzantine validators the protocol tolerates: the largest f with f < N/3. */
export function maxFaulty(validatorCount: number): number {
  return validatorCount - quorum(validatorCount);
}

/** The paper's f + 1: enough senders that at least one is honest. */
export function honestWitness(validatorCount: number): number {
  return maxFaulty(validatorCount) + 1;
}

function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`validator count must be a positive integer, got ${n}`);
}
