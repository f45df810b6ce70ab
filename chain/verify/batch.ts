/*
 * The message a verification batch travels in between the main thread and a worker: one packed buffer
 * (transferred, not copied) of items laid out as
 *   u32 LE message length ‖ signature (64) ‖ public key (32) ‖ message
 * and one byte of answer per item (1 = verifies, 0 = does not). Items whose signature or key has the wrong
 * length never travel: they are false without any curve work, exactly as strictPrecheck would decide.
 */
import { PUBLIC_KEY_LENGTH, SIGNATURE_LENGTH } from '../../shared/core/crypto/index.ts';

export interface VerifyItem {
  signature: Uint8Array;
  message: Uint8Array;
  publicKey: Uint8Array;
}

export interface BatchRequest {
  id: number;
  buffer: ArrayBuffer;
}

export interface BatchResponse {
  id: number;
  results: Uint8Array;
}

const HEADER = 4 + SIGNATURE_LENGTH + PUBLIC_KEY_LENGTH;

/** Whether an item can possibly verify: right lengths and byte arrays (the rest is the verifier's job). */
export function isWellFormed(item: VerifyItem): boolean {
  return (
    item.signature instanceof Uint8Array &&
    item.publicKey instanceof Uint8Array &&
    item.message instanceof Uint8Array &&
    item.signature.length === SIGNATURE_LENGTH &&
    item.publicKey.length === PUBLIC_KEY_LENGTH
  );
}

/** Packs well-formed items into one fresh buffer: a snapshot, so later changes to the caller's arrays cannot reach it. */
export function packBatch(items: readonly VerifyItem[]): ArrayBuffer {
  let size = 0;
  for (const item of items) size += HEADER + item.message.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const { signature, message, publicKey } of items) {
    view.setUint32(at, message.length, true);
    out.set(signature, at + 4);
    out.set(publicKey, at + 4 + SIGNATURE_LENGTH);
    out.set(message, at + HEADER);
    at += HEADER + message.length;
  }
  return out.buffer;
}

/** Views (no copies) of the items in a packed buffer. Throws on a truncated buffer. */
export function unpackBatch(buffer: ArrayBuffer): VerifyItem[] {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  const items: VerifyItem[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + HEADER > bytes.length) throw new RangeError('truncated verification batch');
    const length = view.getUint32(at, true);
    const end = at + HEADER + length;
    if (end > bytes.length) throw new RangeError('truncated verification batch');
    items.push({
      signature: bytes.subarray(at + 4, at + 4 + SIGNATURE_LENGTH),
      publicKey: bytes.subarray(at + 4 + SIGNATURE_LENGTH, at + HEADER),
      message: bytes.subarray(at + HEADER, end),
    });
    at = end;
  }
  return items;
}
