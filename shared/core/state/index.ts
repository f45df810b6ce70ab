/** The state transition: state layout, typed views, transaction and block rules, state roots. */
export * from './keys.ts';
export * from './records.ts';
export { EMPTY_STATE, MemoryState, Overlay, type StateChange, type StateReader } from './overlay.ts';
export { StateCorruptError, StateView, zeroAccount } from './view.ts';
export { ENVELOPE_REFUSALS, showAddress, type TxContext, type TxResult } from './context.ts';
export { applyTransaction, encodeTransaction, type EncodedTransaction } from './transactions.ts';
export { failThreshold, passThreshold } from '../modules/governance/rules.ts';
export { PROPOSAL_SIGNING_DOMAIN } from '../modules/evidence/rules.ts';
export { REFUSAL_CODES, type RefusalCode } from '../modules/index.ts';
export type { Refusal } from '../modules/refusal.ts';
export type { ElectionOutcome } from './election.ts';
export {
  applyBlock,
  type AppliedBlock,
  type BlockContext,
  type BlockDraft,
  type BlockResult,
  type Receipt,
} from './block.ts';
export * from './queries.ts';
export { preflightTransaction, signaturesCheckedElsewhere, type PreflightResult } from './preflight.ts';
export * from './root.ts';
