import type { TxRefusal } from './rpc.ts';

/** The shape every call across the IPC edge returns: a value, or an error a person can act on. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

export type ErrorCode =
  | 'VALIDATION' // input did not match the channel's schema, or a value in it is not acceptable
  | 'UNKNOWN_CHANNEL' // channel is not in the contract
  | 'FORBIDDEN' // caller is not the app's own frame or lacks the token
  | 'UNAVAILABLE' // a dependency (keychain, node, endpoint) cannot be reached
  | 'NO_VAULT' // no vault has been created yet
  | 'LOCKED' // the vault must be unlocked first
  | 'WRONG_PASSWORD'
  | 'BACKOFF' // too soon after a wrong password; `retryAt` says when
  | 'TAMPERED' // stored data failed its authentication
  | 'EXISTS' // already there
  | 'NOT_FOUND'
  | 'REJECTED' // the network or the state refused it (the message gives the reason; `refusal` the chain's own, whole)
  | 'UNVERIFIED' // an endpoint's answer did not verify, or every endpoint left lied; nothing from it is shown
  | 'UNREACHABLE' // no network endpoint answers (none is untrusted: they are down or cut off)
  | 'OFFLINE' // this instance runs in offline mode and does not touch the network
  | 'INTERNAL'; // a bug: the message says what failed, never a stack

export interface ContractError {
  code: ErrorCode;
  /** One or two sentences, written for the person using the app. */
  message: string;
  /** Optional field-level detail, e.g. which input field was wrong. */
  issues?: { path: string; message: string }[];
  /** Epoch milliseconds after which trying again makes sense (BACKOFF). */
  retryAt?: number;
  /**
   * For an error the app itself makes: a message key the page words in the person's language (its
   * catalogue holds `error.detail.<key>`), and the values of that message's placeholders. `message`
   * stays the English sentence (logs, the CLI, a page that does not know the key).
   */
  key?: string;
  params?: Record<string, string | number>;
  /**
   * REJECTED by the chain: the node's refusal as it sent it (docs/RPC.md "Refusals"): `code` a stable machine code
   * to act on (e.g. FEE_TOO_LOW, NONCE_USED, or a rule's own code), `reason` the node's full text, never cut.
   * Absent when the wallet refused on its own checks before anything was sent.
   */
  refusal?: Refusal;
}

/** The key and placeholder values of an error the app itself makes (see ContractError.key). */
export interface ErrorDetail {
  key: string;
  params?: Record<string, string | number>;
}

/** A refusal by the chain, as the node's RPC carries it (REJECTED's data, docs/RPC.md "Refusals"). */
export type Refusal = TxRefusal;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** A failure; `extra` adds the optional fields (issues, retryAt, key and params, refusal), an undefined one left out. */
export function fail(
  code: ErrorCode,
  message: string,
  extra: Omit<ContractError, 'code' | 'message'> = {},
): Result<never> {
  const error: ContractError = { code, message };
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) Object.assign(error, { [name]: value });
  return { ok: false, error };
}
