/**
 * The codec abstraction: a pair of reader/writer functions plus the top-level entry points.
 * Readers throw internally (cheap to compose); only the top level turns that into a result,
 * so no failure escapes `decode` as an exception.
 */
import { Reader, ReadFailure } from './reader.ts';
import { withWriter, type Writer } from './writer.ts';

/** Where decoding stopped and why, in words a person can act on. */
export interface DecodeFailure {
  reason: string;
  /** Byte offset in the input where the offending item starts. */
  offset: number;
}

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: DecodeFailure };

/** Thrown by `decodeOrThrow`; carries the same reason and offset as the failed result. */
export class DecodeError extends Error {
  readonly reason: string;
  readonly offset: number;
  constructor(failure: DecodeFailure) {
    super(failure.reason);
    this.name = 'DecodeError';
    this.reason = failure.reason;
    this.offset = failure.offset;
  }
}

/*
 * Method syntax (not property syntax) on purpose: it makes `Codec<T>` assignable to
 * `Codec<unknown>`, which the combinators need as a constraint.
 */
export interface Codec<T> {
  /** Reads one value at the reader's offset; throws a ReadFailure on malformed input. */
  read(r: Reader): T;
  /** Appends the value's canonical bytes; throws EncodeError if the value is not encodable. */
  write(w: Writer, value: T): void;
  /** The one canonical encoding of `value`; throws EncodeError for values outside the type. */
  encode(value: T): Uint8Array;
  /** Decodes exactly one value spanning all of `bytes` (trailing bytes are an error). */
  decode(bytes: Uint8Array): DecodeResult<T>;
  decodeOrThrow(bytes: Uint8Array): T;
}

/** The value type a codec reads and writes. */
export type Infer<C> = C extends { read(r: Reader): infer T } ? T : never;

/** Builds a full codec from its read and write halves. */
export function makeCodec<T>(read: (r: Reader) => T, write: (w: Writer, value: T) => void): Codec<T> {
  const encode = (value: T): Uint8Array => withWriter((w) => write(w, value));
  const decode = (bytes: Uint8Array): DecodeResult<T> => {
    const r = new Reader(bytes);
    try {
      const value = read(r);
      if (r.remaining > 0) r.fail(`${r.remaining} trailing bytes after the value`);
      return { ok: true, value };
    } catch (e) {
      if (e instanceof ReadFailure) return { ok: false, error: { reason: e.message, offset: e.offset } };
      throw e; // a bug, not bad input: let it surface
    }
  };
  const decodeOrThrow = (bytes: Uint8Array): T => {
    const result = decode(bytes);
    if (!result.ok) throw new DecodeError(result.error);
    return result.value;
  };
  return { read, write, encode, decode, decodeOrThrow };
}
