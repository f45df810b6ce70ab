// Offline signing: amounts and text for people, plain-words summaries, and the request/reply envelope.
export {
  DEFAULT_DISPLAY,
  MAX_DECIMALS,
  checkDisplay,
  describeAmount,
  formatAmount,
  parseAmount,
  parseBaseUnits,
  type AmountDisplay,
} from './amount.ts';
export { escapeText, quoted } from './text.ts';
export { summarise, type SummaryOptions } from './summary.ts';
export {
  ENVELOPE_VERSION,
  buildEnvelope,
  buildReply,
  parseEnvelope,
  parseReply,
  signEnvelope,
  type CheckedReply,
  type EnvelopeInput,
  type OfflineEnvelope,
  type OfflineReply,
  type OpenedEnvelope,
} from './envelope.ts';
