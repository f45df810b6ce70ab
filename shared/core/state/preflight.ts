/**
 * Would a transaction apply? The protocol's own rules (applyTransaction) run over state records
 * that the caller reads on demand: the wallet through its light node (each record proven), the
 * CLI from its node. So a client's preconditions are exactly the chain's rules, never a copy.
 *
 * The rules ask for records one at a time; a record not read yet stops the run, the caller's
 * `read` fetches it, and the run starts again (a transaction touches few records).
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import type { SignatureVerifier } from '../crypto/index.ts';
import type { RefusalCode } from '../modules/index.ts';
import type { ChainParameters, SignedTransaction } from '../types/index.ts';
import type { TxContext } from './context.ts';
import type { StateReader } from './overlay.ts';
import { applyTransaction } from './transactions.ts';
import { StateView } from './view.ts';

class MissingRecord extends Error {
  constructor(readonly key: Uint8Array) {
    super('a state record was not read yet');
  }
}

/** The records read so far; asking for another one stops the run so it can be fetched. */
class RecordsRead implements StateReader {
  readonly known = new Map<string, Uint8Array | undefined>();
  get(key: Uint8Array): Uint8Array | undefined {
    const hex = bytesToHex(key);
    if (!this.known.has(hex)) throw new MissingRecord(key);
    return this.known.get(hex);
  }
}

/**
 * Clients check drafts that are not signed yet, and the node checks signatures at submission:
 * this run asks only whether the state rules accept the transactions.
 */
export const signaturesCheckedElsewhere: SignatureVerifier = { verify: () => true };

/** Rounds of "read the record the rules asked for, run again" before giving up. */
const MAX_READS = 64;

export type PreflightResult =
  | { ok: true }
  /** `earlier`: the refusal is of one of the earlier transactions, not of the draft. */
  | { ok: false; code: RefusalCode; reason: string; earlier: boolean };

/**
 * Applies `earlier` (the sender's transactions still on their way) and then `draft` to the state
 * `read` gives, as the next block would (`ctx.height` is that block's height). Without
 * `ctx.params`, the parameters in force are read from that state too.
 */
export async function preflightTransaction(
  read: (key: Uint8Array) => Promise<Uint8Array | undefined>,
  context: Omit<TxContext, 'params'> & { params?: ChainParameters },
  earlier: readonly SignedTransaction[],
  draft: SignedTransaction,
): Promise<PreflightResult> {
  const records = new RecordsRead();
  for (let reads = 0; reads <= MAX_READS; reads++) {
    try {
      const view = StateView.over(records);
      const ctx: TxContext = { ...context, params: context.params ?? view.params() };
      for (const signed of earlier) {
        const result = applyTransaction(view, signed, ctx);
        if (!result.ok) return { ...result, earlier: true };
      }
      const result = applyTransaction(view, draft, ctx);
      return result.ok ? { ok: true } : { ...result, earlier: false };
    } catch (error) {
      if (!(error instanceof MissingRecord)) throw error;
      records.known.set(bytesToHex(error.key), await read(error.key));
    }
  }
  throw new Error(`checking the transaction needed more than ${MAX_READS} state records`);
}
