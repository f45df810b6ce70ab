import type { Command } from 'commander';
import * as z from 'zod';
import { hexToBytes } from '@noble/hashes/utils.js';
import { encodeAddress, parseAddress } from '../../shared/core/crypto/index.ts';
import { unallocatedStake } from '../../shared/core/dpos/index.ts';
import { describeAmount, formatAmount, type AmountDisplay } from '../../shared/core/offline/index.ts';
import { accountCodec } from '../../shared/core/types/index.ts';
import { addDisplayOptions, displayFrom, table } from '../lib/display.ts';
import { blockView, showInfo } from '../lib/views.ts';
import { chainInfoSchema, rpcOption, withNode, type NodeRpc } from '../lib/rpc.ts';
import { CliError, type Output } from '../output.ts';

interface QueryOptions {
  rpc: string;
  all?: boolean;
  decimals: string;
  symbol: string;
}

type Query = (node: NodeRpc, display: AmountDisplay) => Promise<{ raw: unknown; human: () => string }>;

const u64 = z
  .string()
  .regex(/^\d{1,20}$/)
  .transform((v) => BigInt(v));
const text = z.string().max(2000);

const candidates = z.array(
  z.object({
    rank: z.number(),
    inActiveSet: z.boolean(),
    address: text,
    name: text,
    voteWeight: u64,
    status: text,
    producedBlocks: u64,
    missedBlocks: u64,
  }),
);
const members = z.array(z.object({ address: text, name: text, info: text, admittedAt: u64 }));
const proposals = z.array(
  z.object({
    id: text,
    subject: z.object({
      type: text,
      name: text.optional(),
      info: text.optional(),
      member: text.optional(),
      value: text.optional(),
    }),
    proposer: text,
    yes: z.array(text),
    no: z.array(text),
    deadlineHeight: u64,
    status: text,
  }),
);
const round = z.object({
  round: u64,
  firstHeight: u64,
  lastHeight: u64,
  finalHeight: u64,
  slots: z.array(z.object({ height: u64, producer: text, status: text })),
});
const account = z.object({
  height: u64,
  value: z
    .string()
    .regex(/^[0-9a-f]*$/)
    .nullable(),
});

export function registerQuery(program: Command, output: () => Output): void {
  const query = program
    .command('query')
    .description("read the chain from a node: tables for people, the node's JSON with --json");
  const leaf = (name: string, description: string, run: (args: string[], options: QueryOptions) => Query) => {
    const command = addDisplayOptions(query.command(name).description(description));
    command.addOption(rpcOption()).action(async (...params: unknown[]) => {
      const self = params.at(-1) as Command;
      const options = self.opts<QueryOptions>();
      const work = run(self.processedArgs as string[], options);
      await withNode(options.rpc, async (node) => {
        const { raw, human } = await work(node, displayFrom(options));
        output().result(raw, human);
      });
    });
    return command;
  };

  leaf('info', 'the network, its height and parameters', () => async (node, display) => {
    const raw = await node.raw('chain.info', {});
    return { raw, human: () => showInfo(node.check('chain.info', raw, chainInfoSchema), raw, display) };
  });

  leaf('block', 'a final block and its transactions in plain words', ([height]) => async (node, display) => {
    const info = await node.info();
    const raw = await node.raw('chain.block', { height: wholeNumber(height!, 'HEIGHT') });
    const block = node.check(
      'chain.block',
      raw,
      z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/), block: z.string() }),
    );
    return { raw, human: () => blockView(block.block, block.hash, info, display) };
  }).argument('<height>', 'block height');

  leaf('round', 'the producer schedule of a DPoS round (default: the current one)', ([n]) => async (node) => {
    const raw = await node.raw('chain.round', n === undefined ? {} : { round: wholeNumber(n, 'N') });
    const r = node.check('chain.round', raw, round);
    return {
      raw,
      human: () =>
        [
          `DPoS round ${r.round}: heights ${r.firstHeight}-${r.lastHeight} (final height ${r.finalHeight})`,
          table(
            ['height', 'producer', 'slot'],
            r.slots.map((s) => [`${s.height}`, s.producer, s.status]),
            [0],
          ),
        ].join('\n'),
    };
  }).argument('[n]', 'round number');

  leaf('candidates', 'producer candidates by vote weight', () => async (node, display) => {
    const raw = await node.raw('pos.candidates', {});
    const list = node.check('pos.candidates', raw, candidates);
    const rows = list.map((c) => [
      `${c.rank}`,
      c.name,
      c.address,
      formatAmount(c.voteWeight, display),
      c.status,
      c.inActiveSet ? 'yes' : 'no',
      `${c.producedBlocks}`,
      `${c.missedBlocks}`,
    ]);
    return {
      raw,
      human: () =>
        table(
          ['rank', 'name', 'address', 'vote weight', 'status', 'producing', 'blocks', 'missed'],
          rows,
          [0, 3, 6, 7],
        ),
    };
  });

  leaf('members', 'consortium members', () => async (node) => {
    const raw = await node.raw('gov.members', {});
    const rows = node.check('gov.members', raw, members).map((m) => [m.name, m.address, `${m.admittedAt}`, m.info]);
    return { raw, human: () => table(['name', 'address', 'admitted at', 'info'], rows, [2]) };
  });

  leaf('proposals', 'membership proposals (open ones unless --all)', (_args, options) => async (node, display) => {
    const raw = await node.raw('gov.proposals', { includeClosed: Boolean(options.all) });
    const rows = node
      .check('gov.proposals', raw, proposals)
      .map((p) => [
        p.id,
        subject(p.subject, display),
        p.proposer,
        `${p.yes.length}`,
        `${p.no.length}`,
        `${p.deadlineHeight}`,
        p.status,
      ]);
    return {
      raw,
      human: () => table(['id', 'proposal', 'proposer', 'yes', 'no', 'deadline', 'status'], rows, [3, 4, 5]),
    };
  }).option('--all', 'include closed proposals');

  leaf('account', "an account's balance, nonce, stake and votes", ([address]) => async (node, display) => {
    const info = await node.info();
    const parsed = parseAddress(info.addressPrefix, address!.trim());
    if (!parsed.ok) throw new CliError(`${JSON.stringify(address)}: ${parsed.reason}`);
    const raw = await node.raw('state.account', { address: address!.trim() });
    const { value, height } = node.check('state.account', raw, account);
    const decoded = value === null ? undefined : accountCodec.decode(hexToBytes(value));
    if (decoded && !decoded.ok)
      throw new CliError(`The node sent an account record that does not decode: ${decoded.error.reason}.`);
    const a = decoded?.value ?? { balance: 0n, nonce: 0n, staked: 0n, unbonding: [], votes: [] };
    const amount = (units: bigint) => describeAmount(units, display);
    const human = () =>
      [
        `Account ${address!.trim()} at height ${height}${value === null ? ' (never used)' : ''}`,
        `  balance      ${amount(a.balance)}`,
        `  next nonce   ${a.nonce}`,
        `  staked       ${amount(a.staked)}, of which ${formatAmount(unallocatedStake(a.votes, a.staked), display)} not allocated`,
        ...a.unbonding.map((u) => `  unbonding    ${amount(u.amount)}, released at height ${u.releaseHeight}`),
        ...a.votes.map(
          (v) => `  votes        ${amount(v.amount)} for ${encodeAddress(info.addressPrefix, v.candidate)}`,
        ),
      ].join('\n');
    return { raw, human };
  }).argument('<address>', 'account address');
}

function subject(s: z.output<typeof proposals>[number]['subject'], display: AmountDisplay): string {
  if (s.type === 'admitMember') return `admit '${s.name ?? ''}'`;
  if (s.type === 'removeMember') return `remove ${s.member ?? '?'}`;
  const value =
    s.value !== undefined && /^\d+$/.test(s.value) && (s.name === 'minFee' || s.name === 'blockReward')
      ? formatAmount(BigInt(s.value), display)
      : s.value;
  return `set ${s.name ?? '?'} to ${value ?? '?'}`;
}

function wholeNumber(textValue: string, what: string): string {
  if (!/^\d{1,20}$/.test(textValue)) throw new CliError(`${what} must be a whole number, got "${textValue}".`);
  return textValue;
}
