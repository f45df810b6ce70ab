/*
 * The message a verification batch travels in between the main thread and a worker: one packed buffer
 * (transferred, not copied) of items laid out as
 *   u32 LE message length ‖ signature (64) ‖ public key (32) ‖ message
 * and one byte of answer per item (1 = verifies, 0 = does not). Items whose signature or key has the wrong
 * length never travel: they are false without any curve work, exactly as strictPrecheck would decide.
 *
 * A shared batch (SharedBatchRequest) is the same layout in a SharedArrayBuffer, plus one state byte per item that
 * the worker and the calling thread both see: the worker claims items from the front, the caller from the back,
 * each with an atomic compare-exchange, so every item is verified exactly once, by one side or the other.
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

export interface SharedBatchRequest {
  id: number;
  buffer: SharedArrayBuffer;
  /** One ItemState per item. */
  states: SharedArrayBuffer;
}

export interface BatchResponse {
  id: number;
  /** One answer per item; empty for a shared batch, whose answers are in its states. */
  results: Uint8Array;
  /** For a shared batch: how many items this worker verified. */
  verified?: number;
}

/** Where an item of a shared batch stands; only FREE items may be claimed, and only once. */
export const ItemState = { FREE: 0, CLAIMED: 1, VALID: 2, INVALID: 3 } as const;

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
export function packBatch(items: readonly VerifyItem[]): ArrayBuffer;
export function packBatch(items: readonly VerifyItem[], shared: true): SharedArrayBuffer;
export function packBatch(items: readonly VerifyItem[], shared = false): ArrayBuffer | SharedArrayBuffer {
  let size = 0;
  for (const item of items) size += HEADER + item.message.length;
  const out = new Uint8Array(shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size));
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
export function unpackBatch(buffer: ArrayBuffer | SharedArrayBuffer): VerifyItem[] {
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

/**
 * Verifies items of a shared batch one by one from `start`, stepping by `direction`, claiming each first; stops
 * after `limit` items, at either end, or at the first item the other side has claimed (each side claims a
 * contiguous run from its own end, so everything beyond that item is the other side's). A verifier that throws
 * makes its item INVALID: an error never lets a signature through. Returns the items verified here and where to
 * go on from (null when this side has nothing left to claim).
 */
export function verifyUnclaimed(
  items: readonly VerifyItem[],
  states: Uint8Array,
  start: number,
  direction: 1 | -1,
  limit: number,
  verify: (item: VerifyItem) => boolean,
): { verified: number; next: number | null } {
  let verified = 0;
  let at = start;
  while (verified < limit && at >= 0 && at < items.length) {
    if (Atomics.compareExchange(states, at, ItemState.FREE, ItemState.CLAIMED) !== ItemState.FREE)
      return { verified, next: null };
    let ok = false;
    try {
      ok = verify(items[at]!);
    } catch {
      ok = false;
    }
    Atomics.store(states, at, ok ? ItemState.VALID : ItemState.INVALID);
    verified++;
    at += direction;
  }
  return { verified, next: at >= 0 && at < items.length ? at : null };
}
