import type { Command } from 'commander';
import { addDisplayOptions } from '../lib/display.ts';
import { rpcOption, withNode } from '../lib/rpc.ts';
import { CliError, type Output } from '../output.ts';
import { broadcast, signRequest, type BroadcastOptions, type SignOptions } from './tx/offline.ts';
import { TX_KINDS } from './tx/payloads.ts';
import { addSendOptions, sendTx } from './tx/send.ts';
import { describeStatus, timeoutMs, waitFinal } from './tx/submit.ts';

export function registerTx(program: Command, output: () => Output): void {
  const tx = program.command('tx').description('build, sign and send transactions (or write them for signing offline)');

  // Nested groups (member, member propose, candidate) are made once and shared by their commands.
  const groups = new Map<string, Command>([['', tx]]);
  for (const kind of TX_KINDS) {
    let parent = tx;
    for (let i = 0; i < kind.path.length - 1; i++) {
      const key = kind.path.slice(0, i + 1).join(' ');
      if (!groups.has(key)) groups.set(key, parent.command(kind.path[i]!).description(`${key} transactions`));
      parent = groups.get(key)!;
    }
    const command = parent.command(kind.path.at(-1)!).description(kind.description);
    kind.options?.(command);
    addDisplayOptions(addSendOptions(command)).addOption(rpcOption());
    command.action(async (_options: unknown, self: Command) => sendTx(kind, self, output()));
  }

  addDisplayOptions(
    tx
      .command('sign')
      .description('show a signing request in plain words (recomputed from its bytes) and sign it; needs no network')
      .requiredOption('--in <file>', 'the signing request (from tx … --offline)')
      .requiredOption('--key <file>', 'account key file of the sender')
      .requiredOption('--out <file>', 'where to write the signed reply')
      .option('--chain-id <id>', 'refuse a request for any other network')
      .option('--prefix <hrp>', 'refuse a request using any other address prefix')
      .option('--yes', 'sign without asking (for scripts)'),
  ).action((options: SignOptions) => signRequest(options, output()));

  addDisplayOptions(
    tx
      .command('broadcast')
      .description('send a signed reply (or raw signed transaction hex) to the node')
      .requiredOption('--in <file>', 'signed reply from tx sign, or a file holding signed transaction hex')
      .option('--request <file>', 'the request it answers: refuse a reply to any other request')
      .option(
        '--wait',
        'wait until the transaction is final, re-sending it if it is lost (to --fallback-rpc when the node is down)',
      )
      .option('--fallback-rpc <urls>', "other nodes' RPC addresses, comma-separated, for --wait to re-send to")
      .option('--timeout <seconds>', 'how long --wait waits', '60')
      .addOption(rpcOption()),
  ).action((options: BroadcastOptions) => broadcast(options, output()));

  tx.command('status')
    .description(
      'where a transaction is: pending (and what it waits for), final (with its height), or unknown to the node',
    )
    .argument('<id>', 'transaction id (64 hex digits)')
    .option('--wait', 'wait until it is final')
    .option('--timeout <seconds>', 'how long --wait waits', '60')
    .addOption(rpcOption())
    .action(async (id: string, options: { wait?: boolean; timeout: string; rpc: string }) => {
      if (!/^[0-9a-fA-F]{64}$/.test(id)) throw new CliError(`A transaction id is 64 hex digits; got "${id}".`);
      const out = output();
      await withNode(options.rpc, async (node) => {
        const status = options.wait
          ? await waitFinal(node, id.toLowerCase(), timeoutMs(options.timeout), out)
          : await node.status(id.toLowerCase());
        out.result({ id: id.toLowerCase(), ...status }, () => describeStatus(id.toLowerCase(), status));
      });
    });
}
