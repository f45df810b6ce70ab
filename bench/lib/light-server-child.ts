// The synthetic chain's RPC server in a process of its own (as a node would be), driven by bench/light.bench.ts:
//   → { type: 'start', spec, height, requestsPerSecond? }  ← { type: 'started', url }
//   → { type: 'advance', height }                           ← { type: 'advanced', height, sentAt }
//   → { type: 'counts', reset }                              ← { type: 'counts', counts }
//   → { type: 'stop' }                                       ← { type: 'stopped' }, then the process exits.
import { syntheticChain, type ChainSpec } from './light-chain.ts';
import { startLightServer, type LightServer } from './light-server.ts';

export type ServerRequest =
  | { type: 'start'; spec: ChainSpec; height: number; requestsPerSecond?: number }
  | { type: 'advance'; height: number }
  | { type: 'counts'; reset: boolean }
  | { type: 'stop' };

let server: LightServer | null = null;
const send = (message: object) => process.send?.(message);

process.on('message', (request: ServerRequest) => {
  void (async () => {
    if (request.type === 'start') {
      const { chain } = syntheticChain(request.spec); // the parent generated and cached it already
      const rate = request.requestsPerSecond;
      server = await startLightServer(chain, { height: request.height, ...(rate ? { requestsPerSecond: rate } : {}) });
      send({ type: 'started', url: server.server.url });
    } else if (request.type === 'advance') {
      send({ type: 'advanced', height: request.height, sentAt: server!.advance(request.height) });
    } else if (request.type === 'counts') {
      const counts = server!.counts();
      if (request.reset) server!.resetCounts();
      send({ type: 'counts', counts });
    } else {
      await server?.close();
      send({ type: 'stopped' });
      process.disconnect();
    }
  })().catch((error: unknown) => {
    process.stderr.write(`light bench server: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
});
