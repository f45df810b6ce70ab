/**
 * Verified state for building transactions: every record is read with its proof through the light
 * node, and the protocol's own state transition (shared/core/state) decides whether a transaction
 * would apply, so the wallet's preconditions are exactly the chain's rules, not a copy of them.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import type { SignatureVerifier } from '../../../shared/core/crypto/index.ts';
import { makeCodec } from '../../../shared/core/encoding/index.ts';
import type { GenesisDoc } from '../../../shared/core/genesis/index.ts';
import { applyTransaction, parametersKey, StateView, type StateReader } from '../../../shared/core/state/index.ts';
import {
  chainParametersCodec,
  type ChainParameters,
  type SignedTransaction,
} from '../../../shared/core/types/index.ts';
import type { LightNode } from '../light/index.ts';

/** A proven record's bytes as they are; the state view decodes them itself. */
const rawRecord = makeCodec<Uint8Array>(
  (r) => r.take(r.bytes.length - r.offset),
  (w, value) => w.bytes(value),
);

class MissingRecord extends Error {
  constructor(readonly key: Uint8Array) {
    super('a state record was not read yet');
  }
}

/** The records proven so far; asking for another one stops the run so it can be fetched. */
class ProvenRecords implements StateReader {
  readonly known = new Map<string, Uint8Array | undefined>();
  get(key: Uint8Array): Uint8Array | undefined {
    const hex = bytesToHex(key);
    if (!this.known.has(hex)) throw new MissingRecord(key);
    return this.known.get(hex);
  }
}

/**
 * The network parameters in force: from the proven parameters record (governance may have changed
 * them since genesis), or genesis when the state has no such record.
 */
export async function currentParameters(light: LightNode, genesis: GenesisDoc): Promise<ChainParameters> {
  const proven = await light.record(parametersKey(), chainParametersCodec);
  return proven.value ?? genesis.parameters;
}

// The signatures are the node's to check at submission, and the draft is not signed yet: this run asks
// only whether the state rules accept the transactions.
const signaturesCheckedElsewhere: SignatureVerifier = { verify: () => true };

/** Rounds of "read the record the rules asked for, run again" before giving up (a transaction touches few). */
const MAX_READS = 64;

/**
 * Applies `earlier` (this wallet's own transactions still on their way) and then `draft` to the
 * verified state as the next block would. Returns the chain's reason the draft would be refused, or
 * undefined when it would apply.
 */
export async function wouldApply(
  light: LightNode,
  context: { chainId: string; addressPrefix: string; params: ChainParameters; height: bigint },
  earlier: readonly SignedTransaction[],
  draft: SignedTransaction,
): Promise<string | undefined> {
  const records = new ProvenRecords();
  const ctx = {
    chainId: context.chainId,
    addressPrefix: context.addressPrefix,
    params: context.params,
    height: context.height,
    verifier: signaturesCheckedElsewhere,
  };
  for (let reads = 0; reads <= MAX_READS; reads++) {
    try {
      const view = StateView.over(records);
      for (const signed of earlier) {
        const result = applyTransaction(view, signed, ctx);
        if (!result.ok)
          return `an earlier transaction of this account that is still pending would be refused first (${result.reason}); wait for it to settle`;
      }
      const result = applyTransaction(view, draft, ctx);
      return result.ok ? undefined : result.reason;
    } catch (error) {
      if (!(error instanceof MissingRecord)) throw error;
      const proven = await light.record(error.key, rawRecord);
      records.known.set(bytesToHex(error.key), proven.value ?? undefined);
    }
  }
  throw new Error(`checking the transaction needed more than ${MAX_READS} state records`);
}
