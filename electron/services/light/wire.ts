/**
 * Reading the JSON of an RPC answer field by field. Only the canonical encodings and proofs are
 * used (docs/RPC.md: `decoded` fields are conveniences a verifying client ignores). Anything of the
 * wrong shape is a VerificationError naming the method and the field.
 */
import type { Codec } from '../../../shared/core/encoding/index.ts';
import { VerificationError } from './errors.ts';

export type JsonObject = { readonly [field: string]: unknown };

export function asObject(method: string, value: unknown): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw VerificationError.malformed(method, 'the result is not an object');
  return value as JsonObject;
}

export function asArray(method: string, value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw VerificationError.malformed(method, 'the result is not a list');
  return value;
}

const HEX = /^(?:[0-9a-f]{2})*$/;

export function hexBytes(method: string, answer: JsonObject, field: string): Uint8Array {
  const text = answer[field];
  if (typeof text !== 'string' || !HEX.test(text))
    throw VerificationError.malformed(method, `field "${field}" is not lowercase hex`);
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

export function hexOrNull(method: string, answer: JsonObject, field: string): Uint8Array | null {
  return answer[field] === null ? null : hexBytes(method, answer, field);
}

/** A u64 written as a decimal string (docs/RPC.md), or as a plain number. */
export function decimal(method: string, answer: JsonObject, field: string): bigint {
  const value = answer[field];
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  throw VerificationError.malformed(method, `field "${field}" is not a whole number`);
}

export function smallInteger(method: string, answer: JsonObject, field: string): number {
  const value = answer[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw VerificationError.malformed(method, `field "${field}" is not a whole number`);
  return value;
}

export function text(method: string, answer: JsonObject, field: string): string {
  const value = answer[field];
  if (typeof value !== 'string') throw VerificationError.malformed(method, `field "${field}" is not text`);
  return value;
}

/** Canonical bytes → value; trailing bytes or non-canonical forms are refused by the codec. */
export function decodeField<T>(method: string, codec: Codec<T>, bytes: Uint8Array, what: string): T {
  const decoded = codec.decode(bytes);
  if (!decoded.ok) throw VerificationError.malformed(method, `the ${what} does not decode (${decoded.error.reason})`);
  return decoded.value;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Text from an endpoint, shown in the UI: quoted, printable ASCII only, and short. */
export function quoted(untrusted: string, max = 120): string {
  const printable = untrusted.replace(/[^\x20-\x7e]/g, '?');
  return JSON.stringify(printable.length > max ? `${printable.slice(0, max)}…` : printable);
}
