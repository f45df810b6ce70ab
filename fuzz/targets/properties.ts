/**
 * The properties every fuzz target checks. A target throws (a finding) only when one is broken:
 * an input must give a value or a clean, typed refusal, and a decoded value must re-encode to the
 * very bytes it came from. Anything else escaping a decoder is itself a finding.
 */
import type { Codec } from '../../shared/core/encoding/index.ts';

export class PropertyViolation extends Error {
  override name = 'PropertyViolation';
}

export const hex = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return (
    Buffer.compare(
      Buffer.from(a.buffer, a.byteOffset, a.byteLength),
      Buffer.from(b.buffer, b.byteOffset, b.byteLength),
    ) === 0
  );
}

/** A decoder's refusal must say why (a reason) and where (an offset inside the input). */
export function checkRefusal(what: string, reason: unknown, offset: unknown, inputLength: number): void {
  if (typeof reason !== 'string' || reason.length === 0)
    throw new PropertyViolation(`${what}: refusal without a reason`);
  if (
    offset !== undefined &&
    (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset > inputLength)
  ) {
    throw new PropertyViolation(
      `${what}: refusal offset ${String(offset)} outside the ${inputLength}-byte input (${reason})`,
    );
  }
}

/** Decode; a value must re-encode to exactly the input (canonical), a failure must be a clean refusal. */
export function checkCodec<T>(name: string, codec: Codec<T>, bytes: Uint8Array): void {
  const decoded = codec.decode(bytes);
  if (!decoded.ok) {
    checkRefusal(name, decoded.error.reason, decoded.error.offset, bytes.length);
    return;
  }
  let reencoded: Uint8Array;
  try {
    reencoded = codec.encode(decoded.value);
  } catch (e) {
    throw new PropertyViolation(`${name}: decoded ${hex(bytes)} but cannot encode the value: ${(e as Error).message}`);
  }
  if (!equalBytes(reencoded, bytes)) {
    throw new PropertyViolation(`${name}: ${hex(bytes)} decodes but re-encodes to ${hex(reencoded)} (not canonical)`);
  }
}

/**
 * Several codecs behind one target: the first byte picks the codec, the rest is its input. One
 * target per family keeps the smoke run short while libFuzzer still learns each codec's inputs.
 */
export function codecFamily(codecs: Record<string, Codec<unknown>>): (data: Uint8Array) => void {
  const entries = Object.entries(codecs);
  return (data) => {
    if (data.length === 0) return;
    const [name, codec] = entries[data[0]! % entries.length]!;
    checkCodec(name, codec, data.subarray(1));
  };
}

/** The selector byte for `name` in a family built from `codecs` (seed generation uses it). */
export function familySelector(codecs: Record<string, unknown>, name: string): number {
  const index = Object.keys(codecs).indexOf(name);
  if (index < 0) throw new Error(`no codec ${name} in this family`);
  return index;
}
