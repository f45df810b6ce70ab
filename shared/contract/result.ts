/** The shape every call across the IPC edge returns: a value, or an error a person can act on. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

export type ErrorCode =
  | 'VALIDATION' // input did not match the channel's schema
  | 'UNKNOWN_CHANNEL' // channel is not in the contract
  | 'FORBIDDEN' // caller is not the app's own frame or lacks the token
  | 'UNAVAILABLE' // a dependency (keychain, node) cannot be reached
  | 'INTERNAL'; // a bug: the message says what failed, never a stack

export interface ContractError {
  code: ErrorCode;
  /** One or two sentences, written for the person using the app. */
  message: string;
  /** Optional field-level detail, e.g. which input field was wrong. */
  issues?: { path: string; message: string }[];
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, issues?: ContractError['issues']): Result<never> =>
  issues ? { ok: false, error: { code, message, issues } } : { ok: false, error: { code, message } };
