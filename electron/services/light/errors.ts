/**
 * Two kinds of failure, kept apart because they lead to different actions: an endpoint that served
 * something false loses the user's trust (VerificationError); anything else (an endpoint that is
 * down, a question the light node cannot answer yet) is reported without blaming anyone.
 * Both messages are shown in the UI as they are, so they are whole sentences.
 */
import type { TxRefusal } from '../../../shared/contract/rpc.ts';
import type { ErrorCode } from '../../../shared/contract/result.ts';
import { ServiceError } from '../errors.ts';

/** Ends a sentence with a full stop unless it already ends with punctuation. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** An endpoint's answer failed verification or was malformed: the endpoint must not be trusted again. */
export class VerificationError extends Error {
  constructor(message: string) {
    super(sentence(message));
    this.name = 'VerificationError';
  }

  /** A well-formed answer whose content did not check out. */
  static failed(method: string, reason: string): VerificationError {
    return new VerificationError(`Its answer to ${method} failed verification: ${reason}`);
  }

  /** An answer that could not even be read (wrong shape, bad hex, bytes that do not decode). */
  static malformed(method: string, detail: string): VerificationError {
    return new VerificationError(`Its answer to ${method} is malformed: ${detail}`);
  }
}

/**
 * Why the light node could not answer, for the UI's three words: `unverified` (an endpoint's answer
 * failed verification, or every endpoint left is one that did: nothing can be shown as verified),
 * `unreachable` (no endpoint answers), `unavailable` (anything else: not started, a question it
 * cannot answer yet), `refused` (an endpoint's node refused a transaction: RefusedError).
 */
export type LightFailure = 'unverified' | 'unreachable' | 'unavailable' | 'refused';

/** The contract's error code for each kind, so the page keeps the three apart (see shared/contract/result.ts). */
export const LIGHT_FAILURE_CODES = {
  unverified: 'UNVERIFIED',
  unreachable: 'UNREACHABLE',
  unavailable: 'UNAVAILABLE',
  refused: 'REJECTED',
} as const satisfies Record<LightFailure, ErrorCode>;

/**
 * The light node cannot do what was asked; the message says why and, where it can, what to do. A ServiceError whose
 * code keeps the kinds apart all the way to the page: a caught lie must never read like "starting up".
 */
export class LightNodeError extends ServiceError {
  /**
   * An answer to this very question failed verification (the endpoint lost trust over it), as opposed to every
   * endpoint having been untrusted before: what was asked about is then shown as failed, not merely unverified.
   */
  readonly caughtLie: boolean;

  constructor(
    message: string,
    readonly failure: LightFailure = 'unavailable',
    extra: { refusal?: TxRefusal; caughtLie?: boolean } = {},
  ) {
    // "No endpoint answers" is worded by the page (its English sentence names the endpoints, listed on Network anyway).
    const detail = failure === 'unreachable' ? { key: 'network.unreachable' } : undefined;
    super(LIGHT_FAILURE_CODES[failure], sentence(message), { detail, refusal: extra.refusal });
    this.name = 'LightNodeError';
    this.caughtLie = extra.caughtLie ?? false;
  }
}

/**
 * An endpoint's node refused a submitted transaction (JSON-RPC REJECTED, its refusal checked against the contract):
 * the chain's verdict, returned at once rather than tried on the next endpoint. The refusal travels whole.
 */
export class RefusedError extends LightNodeError {
  declare readonly refusal: TxRefusal;

  constructor(
    readonly url: string,
    refusal: TxRefusal,
  ) {
    super(`The node at ${url} refused it (${refusal.code}): ${refusal.reason}`, 'refused', { refusal });
    this.name = 'RefusedError';
  }
}
