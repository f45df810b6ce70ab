/**
 * Reading from a final header: state values by sparse-Merkle proof against its stateRoot (a leaf's
 * value hash is sha256 of the record's canonical encoding), transactions by inclusion proof
 * against its transactionRoot (which commits to the block's transaction count as well).
 */
import { sha256 } from '../crypto/index.ts';
import type { Codec } from '../encoding/index.ts';
import { decodeProof, verifyInclusion, verifyProof, type SmtProof } from '../merkle/index.ts';
import type { BlockHeader, Hash } from '../types/index.ts';
import { ACCEPT, reject, showHash, type Verdict } from './verdict.ts';

export interface StateValueClaim {
  /** A header the client trusts (accepted with its certificate). */
  readonly header: BlockHeader;
  /** The 32-byte state key (see state/keys.ts). */
  readonly key: Uint8Array;
  /** The record's canonical encoding, or null to claim the key is absent. */
  readonly value: Uint8Array | null;
  /** As built by the tree, or in its wire encoding. */
  readonly proof: SmtProof | Uint8Array;
}

function asProof(proof: SmtProof | Uint8Array): { ok: true; proof: SmtProof } | { ok: false; reason: string } {
  if (!(proof instanceof Uint8Array)) return { ok: true, proof };
  const decoded = decodeProof(proof);
  return decoded.ok ? decoded : { ok: false, reason: `the state proof is malformed: ${decoded.reason}` };
}

/** The proof shows `key` holding `value` (or absent, for null) in the state after `header`'s block. */
export function verifyStateValue({ header, key, value, proof }: StateValueClaim): Verdict {
  const parsed = asProof(proof);
  if (!parsed.ok) return parsed;
  const where = `the state of block ${header.height} (root ${showHash(header.stateRoot)})`;
  const kind = parsed.proof.terminal?.kind;
  if (value === null) {
    if (kind === 'member')
      return reject(`the proof shows key ${showHash(key)} present, so it cannot show it absent from ${where}`);
    if (!verifyProof(header.stateRoot, key, null, parsed.proof))
      return reject(`the proof does not show key ${showHash(key)} absent from ${where}`);
    return ACCEPT;
  }
  if (kind !== 'member')
    return reject(`the proof shows key ${showHash(key)} absent, so it cannot show a value for it in ${where}`);
  if (!verifyProof(header.stateRoot, key, sha256(value), parsed.proof)) {
    return reject(`the proof does not show key ${showHash(key)} holding this value in ${where}`);
  }
  return ACCEPT;
}

export type VerifiedRecord<T> =
  { readonly ok: true; readonly value: T | null } | { readonly ok: false; readonly reason: string };

/** Verifies a state value, then decodes it with the record's codec (null when proven absent). */
export function readStateRecord<T>(claim: StateValueClaim, codec: Codec<T>): VerifiedRecord<T> {
  const verdict = verifyStateValue(claim);
  if (!verdict.ok) return verdict;
  if (claim.value === null) return { ok: true, value: null };
  const decoded = codec.decode(claim.value);
  return decoded.ok ? decoded : { ok: false, reason: `the proven record does not decode: ${decoded.error.reason}` };
}

export interface TransactionClaim {
  readonly header: BlockHeader;
  readonly txId: Hash;
  /** Position of the transaction in the block. */
  readonly index: number;
  /** Transactions in the block. */
  readonly count: number;
  /** Audit path, deepest sibling first. */
  readonly proof: readonly Uint8Array[];
}

/** The transaction is the `index`-th of the `count` transactions of `header`'s block. */
export function verifyTransactionInclusion({ header, txId, index, count, proof }: TransactionClaim): Verdict {
  if (!verifyInclusion(header.transactionRoot, index, count, txId, proof)) {
    return reject(
      `the proof does not show transaction ${showHash(txId)} at position ${index} of the ${count} transactions of block ${header.height}`,
    );
  }
  return ACCEPT;
}
