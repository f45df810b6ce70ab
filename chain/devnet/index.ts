/**
 * Running a devnet: N producer nodes of a devnet folder on 127.0.0.1, in this process (or thread). Used by
 * `consortia devnet`, the desktop's embedded devnet (in a worker thread) and the in-process test and bench networks.
 */
import type { Logger } from 'pino';
import type { ConsortiaNode } from '../node.ts';
import { openDevnetFolder, type DevnetFolder, type DevnetFolderRequest } from './folder.ts';
import { startProducerNodes, stopAtBlockBoundary, stopWaitMs, type StopReport } from './nodes.ts';

export { DevnetError } from './errors.ts';
export { openDevnetFolder, type DevnetFolder, type DevnetFolderRequest, type DevnetPortChoice } from './folder.ts';
export {
  describeStop,
  highestHeight,
  nodeDir,
  nodeLogger,
  p2pUrl,
  startNamedNode,
  startProducerNodes,
  stopAtBlockBoundary,
  stopNodes,
  stopWaitMs,
  type ProducerNodesOptions,
  type StopReport,
} from './nodes.ts';
export { pickFreePorts, portIsFree, type NodePorts } from './ports.ts';

export interface RunningDevnet extends DevnetFolder {
  nodes: ConsortiaNode[];
  /** Node i's JSON-RPC URL (http). */
  rpcUrls: string[];
  /** Stops every node promptly: a block being decided is finished, no new one started (see stopAtBlockBoundary). */
  stop(): Promise<StopReport>;
}

/** Opens (creating or resuming) the devnet folder and starts its producer nodes. */
export async function startDevnet(
  request: DevnetFolderRequest,
  options: { logger?: (index: number, dataDir: string) => Logger } = {},
): Promise<RunningDevnet> {
  const folder = await openDevnetFolder(request);
  return startFolderNodes(folder, options);
}

/** Starts the producer nodes of an opened devnet folder. */
export async function startFolderNodes(
  folder: DevnetFolder,
  options: { logger?: (index: number, dataDir: string) => Logger } = {},
): Promise<RunningDevnet> {
  const nodes = await startProducerNodes({
    dir: folder.dir,
    genesis: folder.doc,
    consensusKeys: folder.consensusKeys,
    ports: folder.ports,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  let stopping: Promise<StopReport> | null = null;
  return {
    ...folder,
    nodes,
    rpcUrls: nodes.map((n) => n.rpc.url),
    stop: () => (stopping ??= stopAtBlockBoundary(nodes, stopWaitMs(folder.doc.parameters.blockIntervalMs))),
  };
}
