/**
 * Verified state for building transactions: every record is read with its proof through the light
 * node, and the protocol's own state transition (shared/core/state) decides whether a transaction
 * would apply, so the wallet's preconditions are exactly the chain's rules, not a copy of them.
 */
import { makeCodec } from '../../../shared/core/encoding/index.ts';
import type { GenesisDoc } from '../../../shared/core/genesis/index.ts';
import { parametersKey, preflightTransaction, signaturesCheckedElsewhere } from '../../../shared/core/state/index.ts';
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

/**
 * The network parameters in force: from the proven parameters record (governance may have changed
 * them since genesis), or genesis when the state has no such record.
 */
export async function currentParameters(light: LightNode, genesis: GenesisDoc): Promise<ChainParameters> {
  const proven = await light.record(parametersKey(), chainParametersCodec);
  return proven.value ?? genesis.parameters;
}

/**
 * Applies `earlier` (this wallet's own transactions still on their way) and then `draft` to the
 * verified state as the next block would, every record read with its proof. Returns the chain's
 * refusal, code and reason, when the draft would be refused, or undefined when it would apply.
 */
export async function wouldApply(
  light: LightNode,
  context: { chainId: string; addressPrefix: string; params: ChainParameters; height: bigint },
  earlier: readonly SignedTransaction[],
  draft: SignedTransaction,
): Promise<{ code: string; reason: string } | undefined> {
  const result = await preflightTransaction(
    async (key) => (await light.record(key, rawRecord)).value ?? undefined,
    { ...context, verifier: signaturesCheckedElsewhere },
    earlier,
    draft,
  );
  if (result.ok) return undefined;
  return result.earlier
    ? {
        code: 'EARLIER_REFUSED',
        reason: `an earlier transaction of this account that is still pending would be refused first (${result.reason}); wait for it to settle`,
      }
    : { code: result.code, reason: result.reason };
}
