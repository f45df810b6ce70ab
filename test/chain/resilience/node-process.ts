/**
 * One ConsortiaNode in its own process, for tests that kill nodes (SIGKILL) and restart them on the same data dir.
 *
 *   node --import tsx test/chain/resilience/node-process.ts '<ChildNodeConfig as JSON>'
 *
 * Prints one JSON line on stdout once the node is up: {"event":"ready", pid, rpc, wsRpc, p2p, height, genesisHash}.
 * Logs (pino) go to stderr. SIGTERM or SIGINT stop the node cleanly; so does the parent going away (stdin closes),
 * so no node outlives the test run that started it.
 */
import { hexToBytes, bytesToHex } from '@noble/hashes/utils.js';
import pino from 'pino';
import { genesisFromJson } from '../../../shared/core/genesis/index.ts';
import { ConsortiaNode } from '../../../chain/node.ts';

export interface ChildNodeConfig {
  dataDir: string;
  /** The genesis document in its JSON form (genesisToJsonValue). */
  genesis: unknown;
  /** Hex of the 32-byte consensus secret key. */
  consensusSecretKey: string;
  peers: string[];
  /** 0 or absent: any free port. A restart passes the previous P2P port so peers redial the same URL. */
  p2pPort?: number;
  rpcPort?: number;
  /** pino level for stderr (default silent). */
  logLevel?: string;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '') as ChildNodeConfig;
  const genesis = genesisFromJson(config.genesis);
  if (!genesis.ok) throw new Error(`bad genesis: ${genesis.problems.join('; ')}`);
  const node = await ConsortiaNode.start({
    dataDir: config.dataDir,
    genesis: genesis.doc,
    consensusSecretKey: hexToBytes(config.consensusSecretKey),
    p2p: { peers: config.peers, port: config.p2pPort ?? 0 },
    rpc: { port: config.rpcPort ?? 0 },
    logger: pino({ level: config.logLevel ?? 'silent' }, pino.destination(2)),
  });
  let stopping: Promise<void> | null = null;
  const stop = (code: number) => {
    stopping ??= node
      .stop()
      .catch((error: unknown) => {
        process.stderr.write(`stop failed: ${String(error)}\n`);
      })
      .finally(() => process.exit(code));
  };
  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));
  process.stdin.on('end', () => stop(0));
  process.stdin.on('error', () => stop(0));
  process.stdin.resume();
  process.stdout.write(
    `${JSON.stringify({
      event: 'ready',
      pid: process.pid,
      rpc: node.rpc.url,
      wsRpc: node.rpc.wsUrl,
      p2p: node.p2p.url,
      height: node.chain.height().toString(),
      genesisHash: bytesToHex(node.chain.genesisHash),
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`node-process failed: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
