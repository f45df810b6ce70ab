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
    timer = setTimeout(() => reject(new DevnetError(`Nodes did not stop within ${timeoutMs / 1000} s; exiting anyway.`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.all(nodes.map((n) => n.stop())), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Stops each node's consensus right after its next commit, before it signs anything for the following height, then
 * stops the nodes. A stop in mid-height leaves votes in the double-sign guard that the node then refuses to sign
 * again after a restart, which can stall a network restarted as a whole. Gives up waiting after `waitMs`.
 * Returns the highest height reached (read before the stores close) and whether every node stopped at a boundary.
 */
export async function stopAtBlockBoundary(nodes: readonly ConsortiaNode[], waitMs: number): Promise<{ height: bigint; clean: boolean }> {
  let timer: NodeJS.Timeout | undefined;
  const boundaries = nodes.map((node) => new Promise<void>((resolve) => node.events.once('commit', () => resolve(node.engine.stop()))));
  const clean = await Promise.race([Promise.all(boundaries).then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)))]);
  clearTimeout(timer);
  const height = highestHeight(nodes);
  await stopNodes(nodes);
  return { height, clean };
}

export const highestHeight = (nodes: readonly ConsortiaNode[]) => nodes.reduce((max, node) => (node.chain.height() > max ? node.chain.height() : max), 0n);
