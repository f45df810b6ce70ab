/**
 * Bytes of an RPC answer. The answer's shape is checked by the contract's schemas before it gets here (hex is
 * lowercase whole bytes, hashes 32 bytes: shared/contract/rpc-results.ts); only the canonical encodings and proofs
 * are used (docs/RPC.md: `decoded` fields are conveniences a verifying client ignores).
 */
import type { Codec } from '../../../shared/core/encoding/index.ts';
import { VerificationError } from './errors.ts';

/** Hex the contract's schema has already checked (lowercase, whole bytes) to bytes. */
export function fromHex(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, 'hex'));
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
