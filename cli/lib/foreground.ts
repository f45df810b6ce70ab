/** What `consortia devnet` and `consortia node start` share: running nodes in the foreground until a signal. */
import { encodeAddress } from '../../shared/core/crypto/index.ts';
import { equalBytes } from '../../shared/core/encoding/index.ts';
import type { ConsortiaNode, NodeConfig } from '../../chain/node.ts';
import { DevnetError, startNamedNode, stopAtBlockBoundary as stopNodesAtBoundary } from '../../chain/devnet/index.ts';
import type { CommittedInfo } from '../../chain/consensus/engine.ts';
import { CliError, jsonReplacer } from '../output.ts';

/** One line per event on stdout: JSON for scripts (`--json`), a short text line for people. */
export type EventLine = (event: string, fields: Record<string, unknown>, human: string) => void;

export function eventLines(json: boolean): EventLine {
  return (event, fields, human) => {
    process.stdout.write(json ? `${JSON.stringify({ event, ...fields }, jsonReplacer)}\n` : `${human}\n`);
  };
}

export { nodeLogger } from '../../chain/devnet/index.ts';

/** Runs `work`, turning the devnet module's errors (sentences for a person) into CLI errors, printed without a stack. */
export async function asCliErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DevnetError) throw new CliError(error.message);
    throw error;
  }
}

/** Starts a node, turning start-up failures (port in use, a data dir of another network) into a clear CLI error. */
export const startNode = (config: NodeConfig, name: string): Promise<ConsortiaNode> =>
  asCliErrors(() => startNamedNode(config, name));

/** See chain/devnet: stops the nodes right after their next block; a hang while closing becomes a CLI error. */
export const stopAtBlockBoundary = (nodes: ConsortiaNode[], waitMs: number) =>
  asCliErrors(() => stopNodesAtBoundary(nodes, waitMs));

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
