/**
 * The transaction kinds by name, for the page: each payload kind (what the history shows) and each intent
 * with the payload it builds and how its fields read (what the review step shows). These are the modules'
 * own descriptions (shared/core/modules/kinds.ts), re-exported because the page may import only the
 * contract; they import no code, so neither codecs nor zod reach the page's bundle.
 */
export {
  INTENT_KINDS,
  PAYLOAD_KINDS,
  type FieldShow,
  type IntentFieldName,
  type IntentKindName,
  type PayloadKind,
} from '../core/modules/kinds.ts';
