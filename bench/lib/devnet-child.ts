// One devnet node in a child process, driven by bench/devnet.bench.ts over the IPC channel:
//   → { type: 'start', config }   ← { type: 'started', rpcUrl, wsUrl }
//   → { type: 'stats', id }       ← { type: 'stats', id, stats }
//   → { type: 'stop' }            ← { type: 'stopped' }, then the process exits.
import { hexToBytes } from '@noble/hashes/utils.js';
import pino from 'pino';
import { ConsortiaNode } from '../../chain/node.ts';
import { parseGenesis } from '../../shared/core/genesis/index.ts';
import { instrument, nodeStats, type BlockTimings } from './devnet-node.ts';

export interface ChildConfig {
  dataDir: string;
  genesisJson: string;
  consensusSecretKey: string;
  p2pPort: number;
  peers: string[];
}

export type ChildRequest = { type: 'start'; config: ChildConfig } | { type: 'stats'; id: number } | { type: 'stop' };

let node: ConsortiaNode | null = null;
let timings: BlockTimings | null = null;
const send = (message: object) => process.send?.(message);

process.on('message', (request: ChildRequest) => {
  void (async () => {
    if (request.type === 'start') {
      const genesis = parseGenesis(request.config.genesisJson);
      if (!genesis.ok) throw new Error(genesis.problems.join('; '));
      node = await ConsortiaNode.start({
        dataDir: request.config.dataDir,
        genesis: genesis.doc,
        consensusSecretKey: hexToBytes(request.config.consensusSecretKey),
        p2p: { port: request.config.p2pPort, peers: request.config.peers },
        rpc: {},
        logger: pino({ level: process.env.CONSORTIA_BENCH_LOG ?? 'silent' }, pino.destination(2)),
      });
      timings = instrument(node.chain);
      await node.verification.pool?.warmUp(); // as after its first transactions: the bench measures the steady state
      send({ type: 'started', rpcUrl: node.rpc.url, wsUrl: node.rpc.wsUrl });
    } else if (request.type === 'stats' && node && timings) {
      send({ type: 'stats', id: request.id, stats: nodeStats(node, timings) });
    } else if (request.type === 'stop') {
      await node?.stop();
      send({ type: 'stopped' });
      process.disconnect?.();
      process.exit(0);
    }
  })().catch((error: unknown) => {
    process.stderr.write(`devnet child: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
});
process.on('disconnect', () => void node?.stop().finally(() => process.exit(0)));
