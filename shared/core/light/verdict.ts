/**
 * The answer of every light-client rule: accepted, or rejected with a reason a person can read
 * (shown by the wallet as is, so it says what is wrong and, where it can, what to do).
 */
import { bytesToHex } from '@noble/hashes/utils.js';

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export const ACCEPT: Verdict = { ok: true };

export function reject(reason: string): Verdict {
  return { ok: false, reason };
}

/** Runs rules in order and returns the first rejection; later rules are not evaluated. */
export function allOf(...rules: (() => Verdict)[]): Verdict {
  for (const rule of rules) {
    const verdict = rule();
    if (!verdict.ok) return verdict;
  }
  return ACCEPT;
}

/** A hash as people compare them by eye: the first 8 hex digits. */
export function showHash(hash: Uint8Array): string {
  return `${bytesToHex(hash.subarray(0, 4))}…`;
}
