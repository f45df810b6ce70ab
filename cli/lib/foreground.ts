/** What `consortia devnet` and `consortia node start` share: running nodes in the foreground until a signal. */
import pino, { type Logger } from 'pino';
import { encodeAddress } from '../../shared/core/crypto/index.ts';
import { equalBytes } from '../../shared/core/encoding/index.ts';
import { ConsortiaNode, type NodeConfig } from '../../chain/node.ts';
import type { CommittedInfo } from '../../chain/consensus/engine.ts';
import { CliError, jsonReplacer } from '../output.ts';

/** One line per event on stdout: JSON for scripts (`--json`), a short text line for people. */
export type EventLine = (event: string, fields: Record<string, unknown>, human: string) => void;

export function eventLines(json: boolean): EventLine {
  return (event, fields, human) => {
    process.stdout.write(json ? `${JSON.stringify({ event, ...fields }, jsonReplacer)}\n` : `${human}\n`);
  };
}

/** pino JSON logs to a file (synchronous writes: nothing is lost when the process exits) or to stderr. */
export function nodeLogger(level: string, file: string | null): Logger {
  return pino({ level }, file ? pino.destination({ dest: file, mkdir: true, sync: true }) : pino.destination(2));
}

/** Starts a node, turning start-up failures (port in use, a data dir of another network) into a clear CLI error. */
export async function startNode(config: NodeConfig, name: string): Promise<ConsortiaNode> {
  try {
    return await ConsortiaNode.start(config);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const hint = code === 'EADDRINUSE' ? ' (another program uses this port; choose other ports)' : '';
    throw new CliError(`Cannot start ${name} (data dir ${config.dataDir}): ${message}${hint}`);
  }
}

/** Resolves at the first SIGINT or SIGTERM; a second one falls through to the default handler and kills the process. */
export function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/**
 * Stops each node's consensus right after its next commit, before it signs anything for the following height, then
 * stops the nodes. A stop in mid-height leaves votes in the double-sign guard that the node then refuses to sign
 * again after a restart, which can stall a network restarted as a whole. Gives up waiting after `waitMs`.
 * Returns the highest height reached (read before the stores close) and whether every node stopped at a boundary.
 */
export async function stopAtBlockBoundary(nodes: ConsortiaNode[], waitMs: number): Promise<{ height: bigint; clean: boolean }> {
  let timer: NodeJS.Timeout | undefined;
  const boundaries = nodes.map((node) => new Promise<void>((resolve) => node.events.once('commit', () => resolve(node.engine.stop()))));
  const clean = await Promise.race([Promise.all(boundaries).then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)))]);
  clearTimeout(timer);
  const height = nodes.reduce((max, node) => (node.chain.height() > max ? node.chain.height() : max), 0n);
  await stopNodes(nodes);
  return { height, clean };
}

/** Stops every node; a node that hangs while closing must not keep the terminal hostage. */
export async function stopNodes(nodes: ConsortiaNode[], timeoutMs = 15_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CliError(`Nodes did not stop within ${timeoutMs / 1000} s; exiting anyway.`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.all(nodes.map((n) => n.stop())), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The fields of a commit event, for both JSON and text output. */
export function commitFields(info: CommittedInfo, node: ConsortiaNode) {
  return {
    height: info.height,
    hash: info.hash,
    round: info.round,
    dposRound: info.dposRound,
    transactions: info.transactions,
    producer: encodeAddress(node.chain.genesis.addressPrefix, info.producer),
    missed: !equalBytes(info.producer, info.scheduledProducer),
    peers: node.p2p.peers().length,
  };
}

export function commitLine(fields: ReturnType<typeof commitFields>): string {
  const missed = fields.missed ? '  (scheduled producer missed its turn)' : '';
  return `height ${fields.height}  round ${fields.round}  dpos-round ${fields.dposRound}  txs ${fields.transactions}  peers ${fields.peers}  producer ${fields.producer.slice(0, 14)}…${missed}`;
}
