/** Governance intents as a person gives them, and the one builder of their payloads. */
import { chainParameterSpecs, type ParameterName } from '../../types/parameters.ts';
import { hexField, IntentError, labelOf, type IntentBuilders } from '../intent.ts';
import type { GovernancePayload } from './payloads.ts';

export type GovernanceIntent =
  | { type: 'member.apply'; name: string; info: string }
  | { type: 'member.vote'; proposalId: string; approve: boolean }
  | { type: 'member.proposeRemoval'; member: string }
  | { type: 'member.proposeParameter'; name: string; value: string };

const PARAMETER_NAMES = Object.keys(chainParameterSpecs).join(', ');

// NFC: the encoding accepts one spelling of each text, so what was typed is normalised rather than refused.
export const governanceIntents: IntentBuilders<GovernanceIntent, GovernancePayload> = {
  'member.apply': (intent) => ({
    type: 'member.apply',
    name: intent.name.normalize('NFC'),
    info: intent.info.normalize('NFC'),
  }),
  'member.vote': (intent, ctx) => ({
    type: 'member.vote',
    proposalId: hexField(ctx, intent.proposalId, 32, 'proposalId'),
    approve: intent.approve,
  }),
  'member.proposeRemoval': (intent, ctx) => ({
    type: 'member.propose',
    action: { type: 'removeMember', member: ctx.address(intent.member, 'member') },
  }),
  'member.proposeParameter': ({ name, value }, ctx) => {
    if (!Object.hasOwn(chainParameterSpecs, name))
      throw new IntentError(`Unknown parameter "${name}". Parameters: ${PARAMETER_NAMES}.`);
    const spec = chainParameterSpecs[name as ParameterName];
    if (!/^\d{1,20}$/.test(value) || BigInt(value) < spec.min || BigInt(value) > spec.max)
      throw new IntentError(
        `${labelOf(ctx, 'value')} for ${name} must be a whole number from ${spec.min} to ${spec.max}, got "${value}".`,
      );
    return {
      type: 'member.propose',
      action: { type: 'changeParameter', name: name as ParameterName, value: BigInt(value) },
    };
  },
};
