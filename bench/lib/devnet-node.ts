// What the devnet bench reads from a node, in the bench process or in a child process (so JSON-safe).
import type { ConsortiaNode } from '../../chain/node.ts';
import type { ChainState } from '../../chain/consensus/chain-state.ts';

export interface Timing {
  ms: number;
  txs: number;
  blocks: number;
}

export interface BlockTimings {
  /** Building or validating a block: the state transition and the Merkle update. */
  apply: Timing;
  /** Writing it to SQLite with its certificate. */
  commit: Timing;
}

export interface NodeStats extends BlockTimings {
  height: number;
  mempool: number;
  /** Signature checks answered by the cache, and those that ran a verifier on the main thread. */
  hits: number;
  misses: number;
  poolItems: number;
  poolInline: number;
  heapUsed: number;
  rss: number;
  /** CPU time of the node's process so far (all threads), in ms. */
  cpuMs: number;
  /** P2P: frames over the per-peer rate limit (dropped and penalized), bans, and peers connected now. */
  rateLimited: number;
  bans: number;
  peers: number;
}

/** Times ChainState's block work from now on (by wrapping its methods on this instance). */
export function instrument(chain: ChainState): BlockTimings {
  const timings: BlockTimings = { apply: { ms: 0, txs: 0, blocks: 0 }, commit: { ms: 0, txs: 0, blocks: 0 } };
  const validate = chain.validateBlock.bind(chain);
  const build = chain.buildBlock.bind(chain);
  const write = chain.commit.bind(chain);
  const timed = <R extends ReturnType<ChainState['validateBlock']>>(run: () => R): R => {
    const start = performance.now();
    const result = run();
    timings.apply.ms += performance.now() - start;
    if (result.ok) {
      timings.apply.txs += result.value.block.transactions.length;
      timings.apply.blocks++;
    }
    return result;
  };
  chain.validateBlock = (...args) => timed(() => validate(...args));
  chain.buildBlock = (...args) => timed(() => build(...args));
  chain.commit = (...args) => {
    const start = performance.now();
    write(...args);
    timings.commit.ms += performance.now() - start;
    timings.commit.txs += args[0].block.transactions.length;
    timings.commit.blocks++;
  };
  return timings;
}

export function nodeStats(node: ConsortiaNode, timings: BlockTimings): NodeStats {
  const cache = node.verification.verifier.stats;
  const pool = node.verification.pool?.stats;
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  const p2p = node.p2p.counters();
  return {
    apply: { ...timings.apply },
    commit: { ...timings.commit },
    height: Number(node.chain.height()),
    mempool: node.mempool.size,
    hits: cache.hits,
    misses: cache.misses,
    poolItems: pool?.items ?? 0,
    poolInline: pool?.inline ?? 0,
    heapUsed: memory.heapUsed,
    rss: memory.rss,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rateLimited: p2p.rateLimited,
    bans: p2p.bans,
    peers: node.p2p.peers().length,
  };
}
