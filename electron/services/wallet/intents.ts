/** The person's intent (contract shape: text addresses, decimal amounts) as a protocol payload. */
import { hexToBytes } from '@noble/hashes/utils.js';
import { encodeAddress, parseAddress } from '../../../shared/core/crypto/index.ts';
import { compareBytes } from '../../../shared/core/encoding/index.ts';
import {
  chainParameterSpecs,
  MAX_VOTE_CHANGES,
  type Account,
  type ParameterName,
  type Payload,
  type VoteChange,
} from '../../../shared/core/types/index.ts';
import { ServiceError } from '../registry.ts';
import type { Intent } from './types.ts';

export interface IntentContext {
  prefix: string;
  /** The sender's verified account (null: proven absent). */
  account: Account | null;
  /** The public key of a consensus key kept in the vault. */
  consensusKey(keyId: string): Uint8Array;
}

function address(prefix: string, text: string, field: string): Uint8Array {
  const parsed = parseAddress(prefix, text);
  if (!parsed.ok)
    throw new ServiceError('VALIDATION', `The ${field} is not a valid address on this network: ${parsed.reason}.`);
  return parsed.value;
}

function consensusKey(choice: { keyId: string } | { publicKey: string }, ctx: IntentContext): Uint8Array {
  return 'keyId' in choice ? ctx.consensusKey(choice.keyId) : hexToBytes(choice.publicKey);
}

/**
 * Turns wanted allocations into the changes a `vote` payload carries: raise or lower each named
 * candidate to its amount, and take back everything from candidates left out. Sorted by candidate.
 */
export function voteChangesToward(
  current: readonly { candidate: Uint8Array; amount: bigint }[],
  wanted: readonly { candidate: Uint8Array; amount: bigint }[],
  show: (a: Uint8Array) => string,
): VoteChange[] {
  const target = new Map<string, { candidate: Uint8Array; amount: bigint }>();
  for (const w of wanted) {
    const key = show(w.candidate);
    if (target.has(key))
      throw new ServiceError('VALIDATION', `The candidate ${key} is listed twice; give one amount per candidate.`);
    target.set(key, w);
  }
  const changes: VoteChange[] = [];
  for (const [key, w] of target) {
    const now = current.find((c) => show(c.candidate) === key)?.amount ?? 0n;
    if (w.amount !== now)
      changes.push({
        candidate: w.candidate,
        increase: w.amount > now,
        amount: w.amount > now ? w.amount - now : now - w.amount,
      });
  }
  for (const c of current)
    if (!target.has(show(c.candidate))) changes.push({ candidate: c.candidate, increase: false, amount: c.amount });
  if (changes.length === 0)
    throw new ServiceError('VALIDATION', 'These allocations are already in place; there is nothing to change.');
  if (changes.length > MAX_VOTE_CHANGES) {
    throw new ServiceError(
      'VALIDATION',
      `This would change ${changes.length} candidates at once; one vote changes at most ${MAX_VOTE_CHANGES}. Split it into two votes.`,
    );
  }
  return changes.sort((a, b) => compareBytes(a.candidate, b.candidate));
}

function parameterName(name: string): ParameterName {
  if (!Object.hasOwn(chainParameterSpecs, name))
    throw new ServiceError(
      'VALIDATION',
      `"${name}" is not a network parameter. Parameters: ${Object.keys(chainParameterSpecs).join(', ')}.`,
    );
  return name as ParameterName;
}

export function payloadOf(intent: Intent, ctx: IntentContext): Payload {
  const { prefix } = ctx;
  switch (intent.type) {
    case 'transfer':
      // NFC: the encoding accepts one spelling of each text, so what was typed is normalised rather than refused.
      return {
        type: 'transfer',
        to: address(prefix, intent.to, 'recipient'),
        amount: BigInt(intent.amount),
        memo: (intent.memo ?? '').normalize('NFC'),
      };
    case 'stake':
    case 'unstake':
      return { type: intent.type, amount: BigInt(intent.amount) };
    case 'withdraw':
    case 'candidate.resign':
    case 'candidate.unjail':
      return { type: intent.type };
    case 'vote': {
      const wanted = intent.allocations.map((a) => ({
        candidate: address(prefix, a.candidate, 'candidate'),
        amount: BigInt(a.amount),
      }));
      const show = (bytes: Uint8Array) => encodeAddress(prefix, bytes);
      return {
        type: 'vote',
        changes: voteChangesToward(
          ctx.account?.votes ?? [],
          wanted.filter((w) => w.amount > 0n),
          show,
        ),
      };
    }
    case 'candidate.register':
      return {
        type: 'candidate.register',
        name: intent.name,
        consensusKey: consensusKey(intent.consensusKey, ctx),
        endpoint: intent.endpoint,
      };
    case 'candidate.update': {
      if (intent.consensusKey === undefined && intent.endpoint === undefined)
        throw new ServiceError('VALIDATION', 'Nothing to update: give a new consensus key, a new endpoint, or both.');
      return {
        type: 'candidate.update',
        ...(intent.consensusKey ? { consensusKey: consensusKey(intent.consensusKey, ctx) } : {}),
        ...(intent.endpoint !== undefined ? { endpoint: intent.endpoint } : {}),
      };
    }
    case 'member.apply':
      return { type: 'member.apply', name: intent.name.normalize('NFC'), info: intent.info.normalize('NFC') };
    case 'member.vote':
      return { type: 'member.vote', proposalId: hexToBytes(intent.proposalId), approve: intent.approve };
    case 'member.proposeRemoval':
      return {
        type: 'member.propose',
        action: { type: 'removeMember', member: address(prefix, intent.member, 'member') },
      };
    case 'member.proposeParameter':
      return {
        type: 'member.propose',
        action: { type: 'changeParameter', name: parameterName(intent.name), value: BigInt(intent.value) },
      };
  }
}
