/** Starting and stopping the producer nodes of a devnet in this process (or thread), sharing its verification pool. */
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { GenesisDoc } from '../../shared/core/genesis/index.ts';
import { ConsortiaNode, type NodeConfig } from '../node.ts';
import { P2P_PATH } from '../p2p/index.ts';
import type { NodeVerificationOptions } from '../verify/index.ts';
import { DevnetError } from './errors.ts';
import type { NodePorts } from './ports.ts';

export const nodeDir = (dir: string, i: number) => join(dir, `node${i}`);
export const p2pUrl = (port: number) => `wss://127.0.0.1:${port}${P2P_PATH}`;

/** pino JSON logs to a file (synchronous writes: nothing is lost when the process exits) or to stderr. */
export function nodeLogger(level: string, file: string | null): Logger {
  return pino({ level }, file ? pino.destination({ dest: file, mkdir: true, sync: true }) : pino.destination(2));
}

/** Starts a node, turning start-up failures (port in use, a data dir of another network) into a DevnetError naming it. */
export async function startNamedNode(config: NodeConfig, name: string): Promise<ConsortiaNode> {
  try {
    return await ConsortiaNode.start(config);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const hint = code === 'EADDRINUSE' ? ' (another program uses this port; choose other ports)' : '';
    throw new DevnetError(`Cannot start ${name} (data dir ${config.dataDir}): ${message}${hint}`);
  }
}

export interface ProducerNodesOptions {
  /** Node i keeps its data in DIR/nodeI. */
  dir: string;
  genesis: GenesisDoc;
  /** Consensus secret key of node i; one node per key. */
  consensusKeys: readonly Uint8Array[];
  /**
   * Fixed ports of node i; each node then dials every other one. Without them each node listens where the system
   * says and dials the nodes started before it (connections go both ways, so every pair ends up connected).
   */
  ports?: readonly NodePorts[];
  /** Node i's logger (default: silent). */
  logger?: (index: number, dataDir: string) => Logger;
  /** Node i's signature cache and worker pool (default: the node's defaults, the process's shared pool). */
  verification?: (index: number) => NodeVerificationOptions | undefined;
}

/** Starts one node per consensus key on 127.0.0.1, one after the other; if one fails, those started are stopped. */
export async function startProducerNodes(options: ProducerNodesOptions): Promise<ConsortiaNode[]> {
  const { dir, genesis, consensusKeys, ports } = options;
  const nodes: ConsortiaNode[] = [];
  try {
    for (let i = 0; i < consensusKeys.length; i++) {
      const dataDir = nodeDir(dir, i);
      const peers = ports ? ports.filter((_, j) => j !== i).map((p) => p2pUrl(p.p2p)) : nodes.map((n) => n.p2p.url);
      const verification = options.verification?.(i);
      const config: NodeConfig = {
        dataDir,
        genesis,
        consensusSecretKey: consensusKeys[i]!,
        p2p: { port: ports?.[i]?.p2p ?? 0, peers },
        rpc: { port: ports?.[i]?.rpc ?? 0 },
        logger: options.logger?.(i, dataDir) ?? pino({ level: 'silent' }),
        ...(verification ? { verification } : {}),
      };
      nodes.push(await startNamedNode(config, `node${i}`));
    }
  } catch (error) {
    await stopNodes(nodes);
    throw error;
  }
  return nodes;
}

/** Stops every node; a node that hangs while closing must not keep its caller waiting for ever. */
export async function stopNodes(nodes: readonly ConsortiaNode[], timeoutMs = 15_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DevnetError(`Nodes did not stop within ${timeoutMs / 1000} s; exiting anyway.`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([Promise.all(nodes.map((n) => n.stop())), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a stop kept: each node's height, and which nodes had already signed something for the height after it. */
export interface StopReport {
  /** The highest height any node reached (read before the stores close). */
  height: bigint;
  /** Node i's last block. */
  heights: bigint[];
  /** Indexes of nodes stopped after signing votes or a proposal for their next height (kept by the guard, re-sent after a restart). */
  midHeight: number[];
  /** Every node at `height` and none in mid-height. */
  clean: boolean;
}

/** How long a stop waits for a height already under way to be committed: about one block, at most 0.9 s. */
export const stopWaitMs = (blockIntervalMs: number): number => Math.max(300, Math.min(900, blockIntervalMs));

/**
 * Prompt stop: each node's consensus stops as soon as it is between heights (it holds the highest block any of
 * the nodes had when the stop began, and has signed nothing for the next one), and at the latest after `waitMs`,
 * so a block being decided is finished but no new one is started. Then the nodes close.
 *
 * A node stopped in mid-height is safe: its double-sign guard keeps what it signed, and after a restart it
 * re-sends exactly that (ConsensusEngine.replayOwnMessages), so a network restarted as a whole still agrees.
 */
export async function stopAtBlockBoundary(nodes: readonly ConsortiaNode[], waitMs: number): Promise<StopReport> {
  const target = highestHeight(nodes);
  const signedAhead = (node: ConsortiaNode) => node.guard.signedAt(node.chain.height() + 1n).length > 0;
  const pending = new Set(nodes);
  const stopQuiet = () => {
    for (const node of pending) {
      if (node.chain.height() >= target && !signedAhead(node)) {
        node.engine.stop();
        pending.delete(node);
      }
    }
  };
  stopQuiet();
  if (pending.size > 0) {
    // Commits arrive on the event loop; checking every few milliseconds catches each node right after its block.
    await new Promise<void>((resolve) => {
      const deadline = Date.now() + waitMs;
      const timer = setInterval(() => {
        stopQuiet();
        if (pending.size === 0 || Date.now() >= deadline) {
          clearInterval(timer);
          resolve();
        }
      }, 5);
    });
  }
  const midHeight = nodes.flatMap((node, i) => (signedAhead(node) ? [i] : []));
  for (const node of pending) node.engine.stop();
  const heights = nodes.map((node) => node.chain.height());
  const height = highestHeight(nodes);
  await stopNodes(nodes);
  return { height, heights, midHeight, clean: midHeight.length === 0 && heights.every((h) => h === height) };
}

/** One sentence saying what a stop kept, for a person. */
export function describeStop(report: StopReport, names: (i: number) => string = (i) => `node${i}`): string {
  const { height, heights, midHeight } = report;
  const behind = heights.flatMap((h, i) => (h < height ? [`${names(i)} at ${h}`] : []));
  const parts = [
    heights.length === 1
      ? `Stopped at height ${height}; the node kept its blocks up to there`
      : behind.length === 0
        ? `Stopped at height ${height}; every node kept its blocks up to there`
        : `Stopped at height ${height}; ${behind.join(', ')} will catch up from the others when restarted`,
  ];
  if (midHeight.length > 0)
    parts.push(
      `${midHeight.map(names).join(', ')} had signed for height ${height + 1n} and will re-send exactly that after a restart`,
    );
  return `${parts.join('; ')}.`;
}

export const highestHeight = (nodes: readonly ConsortiaNode[]) =>
  nodes.reduce((max, node) => (node.chain.height() > max ? node.chain.height() : max), 0n);
