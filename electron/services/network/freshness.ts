/**
 * How fresh the verified view is, from certified time: the newest verified header's timestamp is
 * signed by a quorum of producers, so now − timestamp is the age of everything shown (a lying
 * endpoint cannot make it look younger; a withholding one can only let it age). Past
 * `staleAfterBlocks` block intervals the view is stale, and the status says why.
 */
export const DEFAULT_STALE_AFTER_BLOCKS = 10;
export const MIN_STALE_AFTER_BLOCKS = 2;
export const MAX_STALE_AFTER_BLOCKS = 100_000;

/**
 * Why no newer block reaches the app: no endpoint answers, every endpoint is untrusted, or the
 * endpoints answer but bring nothing newer (they are behind, or the chain itself has stopped).
 */
export type StaleCause = 'noAnswer' | 'allUntrusted' | 'behind';

export interface FreshnessInput {
  readonly nowMs: number;
  /** The newest verified header's certified timestamp (ms). */
  readonly verifiedTimeMs: number;
  readonly blockIntervalMs: number;
  readonly staleAfterBlocks: number;
  readonly endpoints: readonly { readonly trusted: boolean; readonly problem?: string }[];
}

export interface Freshness {
  readonly state: 'fresh' | 'stale';
  readonly ageMs: number;
  readonly thresholdMs: number;
  readonly staleAfterBlocks: number;
  /** Set whenever something keeps new blocks away (also before the threshold is reached). */
  readonly cause?: StaleCause;
}

export function freshness(input: FreshnessInput): Freshness {
  const thresholdMs = input.staleAfterBlocks * input.blockIntervalMs;
  const ageMs = Math.max(0, input.nowMs - input.verifiedTimeMs);
  const cause = causeOf(input.endpoints);
  // With no trusted endpoint nothing newer can be verified at all: stale at once, not after the threshold.
  const stale = ageMs > thresholdMs || cause === 'allUntrusted';
  const base = {
    state: stale ? ('stale' as const) : ('fresh' as const),
    ageMs,
    thresholdMs,
    staleAfterBlocks: input.staleAfterBlocks,
  };
  if (cause) return { ...base, cause };
  return stale ? { ...base, cause: 'behind' } : base;
}

function causeOf(endpoints: FreshnessInput['endpoints']): StaleCause | undefined {
  const trusted = endpoints.filter((e) => e.trusted);
  if (trusted.length === 0) return 'allUntrusted';
  if (trusted.every((e) => e.problem !== undefined)) return 'noAnswer';
  return undefined;
}
