/**
 * Sparse Merkle proofs: verification (pure, what a light client runs) and the byte encoding.
 *
 * A proof for key k lists the siblings met walking from the root along k's bits down to the
 * slot where k would live: a leaf or an EMPTY subtree at `depth` (0..256). Empty siblings are
 * dropped and marked by a zero bit in `bitmap` (bit i, MSB-first, is sibling at depth i).
 * The terminal says what is in the slot: k's own leaf ('member'), nothing ('empty'), or another
 * key's leaf ('other', with that key and value hash: it proves k absent because a slot holding a
 * single leaf holds every key under its prefix).
 *
 * Encoding (exactly one per proof):
 *   u8 kind (0 member, 1 empty, 2 other) ‖ u16 big-endian depth ‖ bitmap (ceil(depth/8) bytes,
 *   unused low bits zero) ‖ 32 bytes per set bit, root side first ‖ (other only) key ‖ value hash.
 * A well-formed proof has depth ≤ 256, its deepest sibling (depth − 1) non-empty (else the slot's
 * parent would hold at most one leaf and be that slot), and no listed sibling equal to EMPTY.
 */
import { equalBytes } from '../encoding/index.ts';
import { HASH_BYTES } from '../types/index.ts';
import { bitAt, isHash } from './bytes.ts';
import { EMPTY_HASH, innerHash, isEmptyHash, leafHash } from './hashing.ts';

export type SmtTerminal =
  | { readonly kind: 'member' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'other'; readonly key: Uint8Array; readonly valueHash: Uint8Array };

export interface SmtProof {
  readonly depth: number;
  readonly bitmap: Uint8Array;
  readonly siblings: readonly Uint8Array[];
  readonly terminal: SmtTerminal;
}

export const MAX_SMT_DEPTH = 256;
export const MAX_SMT_PROOF_BYTES = 3 + MAX_SMT_DEPTH / 8 + MAX_SMT_DEPTH * HASH_BYTES + 2 * HASH_BYTES;

const KINDS = ['member', 'empty', 'other'] as const;

/** Compresses a full root-first sibling path into a proof (copies the siblings). */
export function proofFromPath(path: readonly Uint8Array[], terminal: SmtTerminal): SmtProof {
  const bitmap = new Uint8Array((path.length + 7) >> 3);
  const siblings: Uint8Array[] = [];
  path.forEach((sibling, i) => {
    if (isEmptyHash(sibling)) return;
    bitmap[i >> 3] = (bitmap[i >> 3] as number) | (0x80 >> (i & 7));
    siblings.push(sibling.slice());
  });
  return { depth: path.length, bitmap, siblings, terminal };
}

/** Why `proof` is malformed, or null if it is well-formed (says nothing about any root). */
export function checkProof(proof: SmtProof): string | null {
  const { depth, bitmap, siblings, terminal } = proof;
  if (!Number.isInteger(depth) || depth < 0 || depth > MAX_SMT_DEPTH) return `depth must be 0..${MAX_SMT_DEPTH}`;
  if (!(bitmap instanceof Uint8Array) || bitmap.length !== (depth + 7) >> 3)
    return 'bitmap length does not match depth';
  let set = 0;
  for (let i = 0; i < bitmap.length * 8; i++) {
    if (!bitAt(bitmap, i)) continue;
    if (i >= depth) return 'bitmap has bits set beyond depth';
    set++;
  }
  if (depth > 0 && !bitAt(bitmap, depth - 1)) return 'deepest sibling must be non-empty';
  if (!Array.isArray(siblings) || siblings.length !== set) return 'sibling count does not match bitmap';
  for (const sibling of siblings) {
    if (!isHash(sibling)) return 'sibling must be 32 bytes';
    if (isEmptyHash(sibling)) return 'listed sibling is EMPTY';
  }
  if (terminal?.kind === 'other') {
    if (!isHash(terminal.key) || !isHash(terminal.valueHash))
      return 'other leaf must have a 32-byte key and value hash';
  } else if (terminal?.kind !== 'member' && terminal?.kind !== 'empty') return 'unknown terminal kind';
  return null;
}

/**
 * True iff `proof` shows `key` holding `valueHash` under `root`, or, when `valueHash` is null,
 * shows `key` absent. Never throws: any malformed input is simply not a proof.
 */
export function verifyProof(root: Uint8Array, key: Uint8Array, valueHash: Uint8Array | null, proof: SmtProof): boolean {
  if (!isHash(root) || !isHash(key) || (valueHash !== null && !isHash(valueHash))) return false;
  if (checkProof(proof) !== null) return false;
  const { depth, bitmap, siblings, terminal } = proof;
  let node: Uint8Array;
  if (valueHash !== null) {
    if (terminal.kind !== 'member') return false;
    node = leafHash(key, valueHash);
  } else if (terminal.kind === 'empty') {
    node = EMPTY_HASH;
  } else if (terminal.kind === 'other') {
    // The other leaf must sit in key's own slot, so it must share key's first `depth` bits.
    if (equalBytes(terminal.key, key)) return false;
    for (let i = 0; i < depth; i++) if (bitAt(terminal.key, i) !== bitAt(key, i)) return false;
    node = leafHash(terminal.key, terminal.valueHash);
  } else {
    return false;
  }
  let next = siblings.length - 1;
  for (let d = depth - 1; d >= 0; d--) {
    const sibling = bitAt(bitmap, d) ? (siblings[next--] as Uint8Array) : EMPTY_HASH;
    node = bitAt(key, d) ? innerHash(sibling, node) : innerHash(node, sibling);
  }
  return equalBytes(node, root);
}

export function encodeProof(proof: SmtProof): Uint8Array {
  const bad = checkProof(proof);
  if (bad !== null) throw new TypeError(`malformed SMT proof: ${bad}`);
  const { depth, bitmap, siblings, terminal } = proof;
  const out = new Uint8Array(
    3 + bitmap.length + HASH_BYTES * siblings.length + (terminal.kind === 'other' ? 2 * HASH_BYTES : 0),
  );
  out[0] = KINDS.indexOf(terminal.kind);
  out[1] = depth >> 8;
  out[2] = depth & 0xff;
  out.set(bitmap, 3);
  let at = 3 + bitmap.length;
  for (const sibling of siblings) {
    out.set(sibling, at);
    at += HASH_BYTES;
  }
  if (terminal.kind === 'other') {
    out.set(terminal.key, at);
    out.set(terminal.valueHash, at + HASH_BYTES);
  }
  return out;
}

export type DecodedProof = { ok: true; proof: SmtProof } | { ok: false; reason: string };

/** Strict decoder: rejects truncated, oversized, trailing or non-canonical input with a reason. */
export function decodeProof(bytes: Uint8Array): DecodedProof {
  const fail = (reason: string): DecodedProof => ({ ok: false, reason });
  if (!(bytes instanceof Uint8Array)) return fail('proof must be bytes');
  if (bytes.length > MAX_SMT_PROOF_BYTES) return fail(`proof longer than ${MAX_SMT_PROOF_BYTES} bytes`);
  if (bytes.length < 3) return fail('truncated header');
  const kind = KINDS[bytes[0] as number];
  if (kind === undefined) return fail('unknown terminal kind');
  const depth = ((bytes[1] as number) << 8) | (bytes[2] as number);
  if (depth > MAX_SMT_DEPTH) return fail(`depth must be 0..${MAX_SMT_DEPTH}`);
  const bitmapEnd = 3 + ((depth + 7) >> 3);
  if (bytes.length < bitmapEnd) return fail('truncated bitmap');
  const bitmap = bytes.slice(3, bitmapEnd);
  let set = 0;
  for (let i = 0; i < depth; i++) set += bitAt(bitmap, i);
  const end = bitmapEnd + HASH_BYTES * set + (kind === 'other' ? 2 * HASH_BYTES : 0);
  if (bytes.length < end) return fail('truncated body');
  if (bytes.length > end) return fail('trailing bytes');
  const siblings: Uint8Array[] = [];
  for (let at = bitmapEnd; siblings.length < set; at += HASH_BYTES) siblings.push(bytes.slice(at, at + HASH_BYTES));
  const tail = bitmapEnd + HASH_BYTES * set;
  const terminal: SmtTerminal =
    kind === 'other'
      ? { kind, key: bytes.slice(tail, tail + HASH_BYTES), valueHash: bytes.slice(tail + HASH_BYTES, end) }
      : { kind };
  const proof: SmtProof = { depth, bitmap, siblings, terminal };
  const bad = checkProof(proof);
  return bad === null ? { ok: true, proof } : fail(bad);
}
