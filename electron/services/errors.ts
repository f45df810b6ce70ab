import { fail, type ErrorCode, type ErrorDetail, type Refusal, type Result } from '../../shared/contract/result.ts';

/**
 * The one error a main-process service throws on purpose: a contract code the page can act on, the message the person
 * should read, and (where the page words it in the person's language) its key and values. The registry turns it into
 * the contract's `{ ok: false, error }`; anything else thrown is a bug and reaches the page as INTERNAL.
 */
export class ServiceError extends Error {
  /** Epoch ms after which trying again makes sense (BACKOFF). */
  readonly retryAt: number | undefined;
  /** The message as a key and values, so the page can say it in the person's language. */
  readonly detail: ErrorDetail | undefined;
  /** REJECTED by the chain: its refusal, passed to the page whole (ContractError.refusal). */
  readonly refusal: Refusal | undefined;

  constructor(
    readonly code: Exclude<ErrorCode, 'UNKNOWN_CHANNEL'>,
    message: string,
    extra: { retryAt?: number | undefined; detail?: ErrorDetail | undefined; refusal?: Refusal | undefined } = {},
  ) {
    super(message);
    this.name = 'ServiceError';
    this.retryAt = extra.retryAt;
    this.detail = extra.detail;
    this.refusal = extra.refusal;
  }

  /** The contract's failure for this error: what the registry answers the page. */
  toResult(): Result<never> {
    const refusal = this.refusal && { ...this.refusal };
    return fail(this.code, this.message, { retryAt: this.retryAt, ...this.detail, refusal });
  }
}

/** A contract result's value, or its error thrown as a ServiceError (for a service calling a Result-returning part). */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const { code, message, retryAt, key, params, refusal } = result.error;
  const detail = key === undefined ? undefined : { key, ...(params === undefined ? {} : { params }) };
  throw new ServiceError(code === 'UNKNOWN_CHANNEL' ? 'INTERNAL' : code, message, { retryAt, detail, refusal });
}
