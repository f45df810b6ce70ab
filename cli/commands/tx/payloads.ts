/**
 * The CLI's registration of each transaction kind: where its command sits, its options, and how
 * they read as the person's intent. Turning the intent into a payload is the modules' one builder
 * (shared/core/modules `buildPayload`), shared with the wallet.
 */
import type { Command } from 'commander';
import { bytesToHex } from '@noble/hashes/utils.js';
import {
  buildPayload,
  IntentError,
  MAX_CANDIDATE_NAME_BYTES,
  MAX_MEMO_BYTES,
  MAX_VOTE_CHANGES,
  type ConsensusKeyChoice,
  type Intent,
} from '../../../shared/core/modules/index.ts';
import { chainParameterSpecs, type Payload } from '../../../shared/core/types/index.ts';
import { readKeyFile } from '../../../shared/node/keyfile.ts';
import { CliError } from '../../output.ts';

/** What a payload builder needs from the network: address and amount parsing in its terms. */
export interface BuildContext {
  address(text: string, flag: string): Uint8Array;
  amount(text: string, flag: string): bigint;
}

export type PayloadOptions = Record<string, unknown>;

/** One `consortia tx …` payload command: where it sits, its own options, and the intent they give. */
export interface TxKind {
  path: string[];
  description: string;
  options?: (command: Command) => Command;
  intent(options: PayloadOptions): Intent;
  build(options: PayloadOptions, ctx: BuildContext): Payload;
}

/** The flag that gives each intent field, so a builder's message names what to change. */
const FLAGS: Record<string, string> = {
  to: '--to',
  amount: '--amount',
  member: '--member',
  value: '--value',
  proposalId: '--proposal',
  consensusKey: '--consensus-key',
  candidate: '--for/--against',
  voteAmount: '--for/--against',
};
const flagOf = (field: string): string => FLAGS[field] ?? `--${field}`;

/** The intent the options give, built into a payload; a builder's refusal becomes the CLI's error. */
function build(kind: Pick<TxKind, 'intent'>, options: PayloadOptions, ctx: BuildContext): Payload {
  try {
    return buildPayload(kind.intent(options), {
      address: (text, field) => ctx.address(text, flagOf(field)),
      amount: (text, field) => ctx.amount(text, flagOf(field)),
      label: flagOf,
    });
  } catch (error) {
    if (error instanceof IntentError) throw new CliError(error.message);
    throw error;
  }
}

const str = (o: PayloadOptions, key: string): string => String(o[key] ?? '');
const list = (o: PayloadOptions, key: string): string[] => (Array.isArray(o[key]) ? (o[key] as string[]) : []);
const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

const KINDS: Omit<TxKind, 'build'>[] = [
  {
    path: ['transfer'],
    description: `send tokens to an address, with an optional memo (at most ${MAX_MEMO_BYTES} bytes)`,
    options: (c) =>
      c
        .requiredOption('--to <address>', 'recipient address')
        .requiredOption('--amount <amount>', 'amount to send')
        .option('--memo <text>', 'short public note', ''),
    intent: (o) => ({ type: 'transfer', to: str(o, 'to'), amount: str(o, 'amount'), memo: str(o, 'memo') }),
  },
  {
    path: ['member', 'apply'],
    description: 'apply for consortium membership (opens an admission proposal the members vote on)',
    options: (c) =>
      c
        .requiredOption('--name <organisation>', "your organisation's name")
        .option('--info <text>', 'contact, URL or reason, for the members reviewing it', ''),
    intent: (o) => ({ type: 'member.apply', name: str(o, 'name'), info: str(o, 'info') }),
  },
  {
    path: ['member', 'propose', 'remove'],
    description: 'propose removing a member (members only)',
    options: (c) => c.requiredOption('--member <address>', 'the member to remove'),
    intent: (o) => ({ type: 'member.proposeRemoval', member: str(o, 'member') }),
  },
  {
    path: ['member', 'propose', 'param'],
    description: 'propose changing a network parameter (members only)',
    options: (c) =>
      c
        .requiredOption('--name <parameter>', `one of ${Object.keys(chainParameterSpecs).join(', ')}`)
        .requiredOption('--value <integer>', "new value, in the parameter's own unit (fees and rewards in base units)"),
    intent: (o) => ({ type: 'member.proposeParameter', name: str(o, 'name'), value: str(o, 'value') }),
  },
  {
    path: ['member', 'vote'],
    description: 'vote on an open membership proposal (members only)',
    options: (c) =>
      c
        .requiredOption('--proposal <id>', 'proposal id (64 hex digits)')
        .option('--yes', 'vote for')
        .option('--no', 'vote against'),
    intent: (o) => {
      if (Boolean(o.yes) === Boolean(o.no)) throw new CliError('Give exactly one of --yes or --no.');
      return { type: 'member.vote', proposalId: str(o, 'proposal'), approve: Boolean(o.yes) };
    },
  },
  {
    path: ['stake'],
    description: 'move balance into the stake pool (members only)',
    options: (c) => c.requiredOption('--amount <amount>', 'amount to stake'),
    intent: (o) => ({ type: 'stake', amount: str(o, 'amount') }),
  },
  {
    path: ['unstake'],
    description: 'start unbonding stake that is not allocated to candidates',
    options: (c) => c.requiredOption('--amount <amount>', 'amount to unstake'),
    intent: (o) => ({ type: 'unstake', amount: str(o, 'amount') }),
  },
  {
    path: ['withdraw'],
    description: 'move released unbonding stake back to the balance',
    intent: () => ({ type: 'withdraw' }),
  },
  {
    path: ['vote'],
    description: `allocate stake to candidates (--for) or take it back (--against), up to ${MAX_VOTE_CHANGES} per transaction`,
    options: (c) =>
      c
        .option('--for <address=amount>', 'allocate this much more stake to the candidate (repeatable)', collect)
        .option('--against <address=amount>', 'take back this much stake from the candidate (repeatable)', collect),
    intent: (o) => ({ type: 'vote', changes: voteChanges(list(o, 'for'), list(o, 'against')) }),
  },
  {
    path: ['candidate', 'register'],
    description: 'register this account as a producer candidate (members only)',
    options: (c) =>
      consensusKeyOptions(
        c.requiredOption('--name <name>', `candidate name: 1-${MAX_CANDIDATE_NAME_BYTES} of a-z 0-9 _ . -`),
      ).requiredOption('--endpoint <url>', 'where other nodes reach your node, e.g. wss://node.example.org:7070'),
    intent: (o) => {
      const key = consensusKey(o);
      if (!key)
        throw new CliError("Give the node's consensus key with --consensus-key HEX or --consensus-key-file FILE.");
      return { type: 'candidate.register', name: str(o, 'name'), consensusKey: key, endpoint: str(o, 'endpoint') };
    },
  },
  {
    path: ['candidate', 'update'],
    description: 'rotate the consensus key and/or move the node endpoint',
    options: (c) => consensusKeyOptions(c).option('--endpoint <url>', 'new endpoint'),
    intent: (o) => {
      const key = consensusKey(o);
      return {
        type: 'candidate.update',
        ...(key ? { consensusKey: key } : {}),
        ...(o.endpoint !== undefined ? { endpoint: str(o, 'endpoint') } : {}),
      };
    },
  },
  {
    path: ['candidate', 'resign'],
    description: 'stop being a producer candidate',
    intent: () => ({ type: 'candidate.resign' }),
  },
  {
    path: ['candidate', 'unjail'],
    description: 'return from jail once the jail period is over',
    intent: () => ({ type: 'candidate.unjail' }),
  },
];

export const TX_KINDS: TxKind[] = KINDS.map((kind) => ({ ...kind, build: (o, ctx) => build(kind, o, ctx) }));

function consensusKeyOptions(command: Command): Command {
  return command
    .option('--consensus-key <hex>', "the node's consensus public key (64 hex digits; not your account key)")
    .option(
      '--consensus-key-file <file>',
      'read the consensus public key from a consensus key file (only the public half is used)',
    );
}

function consensusKey(o: PayloadOptions): ConsensusKeyChoice | undefined {
  if (o.consensusKey !== undefined && o.consensusKeyFile !== undefined)
    throw new CliError('Give --consensus-key or --consensus-key-file, not both.');
  if (o.consensusKeyFile !== undefined)
    return { publicKey: bytesToHex(readKeyFile(str(o, 'consensusKeyFile'), 'consensus').publicKey) };
  return o.consensusKey === undefined ? undefined : { publicKey: str(o, 'consensusKey') };
}

/** --for / --against ADDRESS=AMOUNT, in any order: the builder sorts and checks them. */
function voteChanges(increase: string[], decrease: string[]) {
  const parse = (text: string, up: boolean) => {
    const at = text.lastIndexOf('=');
    if (at < 1) throw new CliError(`${up ? '--for' : '--against'} takes ADDRESS=AMOUNT, got "${text}".`);
    return { candidate: text.slice(0, at), increase: up, amount: text.slice(at + 1) };
  };
  const changes = [...increase.map((t) => parse(t, true)), ...decrease.map((t) => parse(t, false))];
  if (changes.length === 0) throw new CliError('Give at least one --for ADDRESS=AMOUNT or --against ADDRESS=AMOUNT.');
  return changes;
}
