/** Candidate intents as a person gives them, and the one builder of their payloads. */
import type { PublicKey } from '../../types/primitives.ts';
import { hexField, IntentError, type IntentBuilders, type IntentContext } from '../intent.ts';
import type { CandidatePayload } from './payloads.ts';

/** A consensus key kept by the caller (the wallet's vault, by id), or its public half in hex. */
export type ConsensusKeyChoice = { keyId: string } | { publicKey: string };

export type CandidateIntent =
  | { type: 'candidate.register'; name: string; consensusKey: ConsensusKeyChoice; endpoint: string }
  | { type: 'candidate.update'; consensusKey?: ConsensusKeyChoice; endpoint?: string }
  | { type: 'candidate.resign' }
  | { type: 'candidate.unjail' };

function consensusKey(choice: ConsensusKeyChoice, ctx: IntentContext): PublicKey {
  if ('publicKey' in choice) return hexField(ctx, choice.publicKey, 32, 'consensusKey', ' (a 32-byte public key)');
  if (ctx.consensusKey === undefined)
    throw new IntentError('Give the consensus public key itself; no keys are kept here.');
  return ctx.consensusKey(choice.keyId);
}

export const candidateIntents: IntentBuilders<CandidateIntent, CandidatePayload> = {
  'candidate.register': (intent, ctx) => ({
    type: 'candidate.register',
    name: intent.name,
    consensusKey: consensusKey(intent.consensusKey, ctx),
    endpoint: intent.endpoint,
  }),
  'candidate.update': (intent, ctx) => {
    if (intent.consensusKey === undefined && intent.endpoint === undefined)
      throw new IntentError('Nothing to update: give a new consensus key, a new endpoint, or both.');
    return {
      type: 'candidate.update',
      ...(intent.consensusKey ? { consensusKey: consensusKey(intent.consensusKey, ctx) } : {}),
      ...(intent.endpoint !== undefined ? { endpoint: intent.endpoint } : {}),
    };
  },
  'candidate.resign': () => ({ type: 'candidate.resign' }),
  'candidate.unjail': () => ({ type: 'candidate.unjail' }),
};
