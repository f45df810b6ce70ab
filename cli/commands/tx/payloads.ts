import type { Command } from 'commander';
import { hexToBytes } from '@noble/hashes/utils.js';
import { compareBytes } from '../../../shared/core/encoding/index.ts';
import {
  chainParameterSpecs,
  MAX_VOTE_CHANGES,
  type ParameterName,
  type Payload,
  type VoteChange,
} from '../../../shared/core/types/index.ts';
import { readKeyFile } from '../../../shared/node/keyfile.ts';
import { CliError } from '../../output.ts';

/** What a payload builder needs from the network: address and amount parsing in its terms. */
export interface BuildContext {
  address(text: string, flag: string): Uint8Array;
  amount(text: string, flag: string): bigint;
}

export type PayloadOptions = Record<string, unknown>;

/** One `consortia tx …` payload command: where it sits, its own options, and how it turns them into a payload. */
export interface TxKind {
  path: string[];
  description: string;
  options?: (command: Command) => Command;
  build(options: PayloadOptions, ctx: BuildContext): Payload;
}

const str = (o: PayloadOptions, key: string): string => String(o[key] ?? '');
const list = (o: PayloadOptions, key: string): string[] => (Array.isArray(o[key]) ? (o[key] as string[]) : []);
const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export const TX_KINDS: TxKind[] = [
  {
    path: ['transfer'],
    description: 'send tokens to an address, with an optional memo (at most 64 bytes)',
    options: (c) =>
      c
        .requiredOption('--to <address>', 'recipient address')
        .requiredOption('--amount <amount>', 'amount to send')
        .option('--memo <text>', 'short public note', ''),
    // NFC: the encoding accepts one spelling of each text, so normalise what was typed rather than refuse it.
    build: (o, ctx) => ({
      type: 'transfer',
      to: ctx.address(str(o, 'to'), '--to'),
      amount: ctx.amount(str(o, 'amount'), '--amount'),
      memo: str(o, 'memo').normalize('NFC'),
    }),
  },
  {
    path: ['member', 'apply'],
    description: 'apply for consortium membership (opens an admission proposal the members vote on)',
    options: (c) =>
      c
        .requiredOption('--name <organisation>', "your organisation's name")
        .option('--info <text>', 'contact, URL or reason, for the members reviewing it', ''),
    build: (o) => ({
      type: 'member.apply',
      name: str(o, 'name').normalize('NFC'),
      info: str(o, 'info').normalize('NFC'),
    }),
  },
  {
    path: ['member', 'propose', 'remove'],
    description: 'propose removing a member (members only)',
    options: (c) => c.requiredOption('--member <address>', 'the member to remove'),
    build: (o, ctx) => ({
      type: 'member.propose',
      action: { type: 'removeMember', member: ctx.address(str(o, 'member'), '--member') },
    }),
  },
  {
    path: ['member', 'propose', 'param'],
    description: 'propose changing a network parameter (members only)',
    options: (c) =>
      c
        .requiredOption('--name <parameter>', `one of ${Object.keys(chainParameterSpecs).join(', ')}`)
        .requiredOption('--value <integer>', "new value, in the parameter's own unit (fees and rewards in base units)"),
    build: (o) => parameterChange(str(o, 'name'), str(o, 'value')),
  },
  {
    path: ['member', 'vote'],
    description: 'vote on an open membership proposal (members only)',
    options: (c) =>
      c
        .requiredOption('--proposal <id>', 'proposal id (64 hex digits)')
        .option('--yes', 'vote for')
        .option('--no', 'vote against'),
    build: (o) => {
      if (Boolean(o.yes) === Boolean(o.no)) throw new CliError('Give exactly one of --yes or --no.');
      return { type: 'member.vote', proposalId: hash(str(o, 'proposal'), '--proposal'), approve: Boolean(o.yes) };
    },
  },
  {
    path: ['stake'],
    description: 'move balance into the stake pool (members only)',
    options: (c) => c.requiredOption('--amount <amount>', 'amount to stake'),
    build: (o, ctx) => ({ type: 'stake', amount: ctx.amount(str(o, 'amount'), '--amount') }),
  },
  {
    path: ['unstake'],
    description: 'start unbonding stake that is not allocated to candidates',
    options: (c) => c.requiredOption('--amount <amount>', 'amount to unstake'),
    build: (o, ctx) => ({ type: 'unstake', amount: ctx.amount(str(o, 'amount'), '--amount') }),
  },
  {
    path: ['withdraw'],
    description: 'move released unbonding stake back to the balance',
    build: () => ({ type: 'withdraw' }),
  },
  {
    path: ['vote'],
    description: `allocate stake to candidates (--for) or take it back (--against), up to ${MAX_VOTE_CHANGES} per transaction`,
    options: (c) =>
      c
        .option('--for <address=amount>', 'allocate this much more stake to the candidate (repeatable)', collect)
        .option('--against <address=amount>', 'take back this much stake from the candidate (repeatable)', collect),
    build: (o, ctx) => ({ type: 'vote', changes: voteChanges(list(o, 'for'), list(o, 'against'), ctx) }),
  },
  {
    path: ['candidate', 'register'],
    description: 'register this account as a producer candidate (members only)',
    options: (c) =>
      consensusKeyOptions(c.requiredOption('--name <name>', 'candidate name: 1-32 of a-z 0-9 _ . -')).requiredOption(
        '--endpoint <url>',
        'where other nodes reach your node, e.g. wss://node.example.org:7070',
      ),
    build: (o) => {
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
    build: (o) => {
      const key = consensusKey(o);
      if (!key && o.endpoint === undefined)
        throw new CliError('Nothing to update: give a new consensus key, a new --endpoint, or both.');
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
    build: () => ({ type: 'candidate.resign' }),
  },
  {
    path: ['candidate', 'unjail'],
    description: 'return from jail once the jail period is over',
    build: () => ({ type: 'candidate.unjail' }),
  },
];

function consensusKeyOptions(command: Command): Command {
  return command
    .option('--consensus-key <hex>', "the node's consensus public key (64 hex digits; not your account key)")
    .option(
      '--consensus-key-file <file>',
      'read the consensus public key from a consensus key file (only the public half is used)',
    );
}

function consensusKey(o: PayloadOptions): Uint8Array | undefined {
  if (o.consensusKey !== undefined && o.consensusKeyFile !== undefined)
    throw new CliError('Give --consensus-key or --consensus-key-file, not both.');
  if (o.consensusKeyFile !== undefined) return readKeyFile(str(o, 'consensusKeyFile'), 'consensus').publicKey;
  if (o.consensusKey === undefined) return undefined;
  const text = str(o, 'consensusKey');
  if (!/^[0-9a-fA-F]{64}$/.test(text))
    throw new CliError(`--consensus-key must be 64 hex digits (a 32-byte public key), got "${text}".`);
  return hexToBytes(text.toLowerCase());
}

function hash(text: string, flag: string): Uint8Array {
  if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new CliError(`${flag} must be 64 hex digits, got "${text}".`);
  return hexToBytes(text.toLowerCase());
}

function parameterChange(name: string, value: string): Payload {
  if (!Object.hasOwn(chainParameterSpecs, name))
    throw new CliError(`Unknown parameter "${name}". Parameters: ${Object.keys(chainParameterSpecs).join(', ')}.`);
  const spec = chainParameterSpecs[name as ParameterName];
  if (!/^\d{1,20}$/.test(value) || BigInt(value) < spec.min || BigInt(value) > spec.max)
    throw new CliError(`--value for ${name} must be a whole number from ${spec.min} to ${spec.max}, got "${value}".`);
  return {
    type: 'member.propose',
    action: { type: 'changeParameter', name: name as ParameterName, value: BigInt(value) },
  };
}

/** The payload wants changes sorted by candidate with none repeated; people may type them in any order. */
function voteChanges(increase: string[], decrease: string[], ctx: BuildContext): VoteChange[] {
  const parse = (text: string, up: boolean): VoteChange => {
    const flag = up ? '--for' : '--against';
    const at = text.lastIndexOf('=');
    if (at < 1) throw new CliError(`${flag} takes ADDRESS=AMOUNT, got "${text}".`);
    return {
      candidate: ctx.address(text.slice(0, at), flag),
      increase: up,
      amount: ctx.amount(text.slice(at + 1), flag),
    };
  };
  const changes = [...increase.map((t) => parse(t, true)), ...decrease.map((t) => parse(t, false))].sort((a, b) =>
    compareBytes(a.candidate, b.candidate),
  );
  if (changes.length === 0) throw new CliError('Give at least one --for ADDRESS=AMOUNT or --against ADDRESS=AMOUNT.');
  if (changes.length > MAX_VOTE_CHANGES)
    throw new CliError(`At most ${MAX_VOTE_CHANGES} candidates per vote transaction; got ${changes.length}.`);
  for (let i = 1; i < changes.length; i++) {
    if (compareBytes(changes[i - 1]!.candidate, changes[i]!.candidate) === 0)
      throw new CliError('A candidate appears twice; give one change per candidate.');
  }
  for (const c of changes)
    if (c.amount === 0n) throw new CliError('A vote change of 0 does nothing; give a positive amount.');
  return changes;
}
