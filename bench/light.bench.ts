// Issue 5: the desktop light node catching up over a long chain, and following new heads.
//  - Synthetic chains of 100,000 certified headers (bench/lib/light-chain.ts, cached in .bench-cache/; state roots
//    are arbitrary, since header verification never executes state): 4-block DPoS rounds (the devnet's 4 producers,
//    one block per turn) with the set re-elected unchanged every round, the same with a new set every round, and a
//    chain whose 100,000 blocks are all one round (4 producers, 50,000 blocks per turn).
//  - Each is served over the node's real JSON-RPC server (chain/rpc/server.ts + jsonrpc.ts, our method table) from a
//    child process on 127.0.0.1, to the real LightNode: catch-up from genesis into a fresh data file, median of 3.
//  - The light node paces its requests (50/s per connection, under the node's 100/s limit). With the set unchanged it
//    skips straight to the newest header (its set is the genesis set, still bonded), a handful of requests, so that
//    chain is caught up at the default pace. With a new set every round it must follow every hand-off, about one
//    request per round (a hand-off is confirmed by the header after it), so 25,000 rounds would take ≥ 500 s at that
//    pace: that chain is caught up with the pace lifted on both sides (LightNodeTiming.requestsPerSecond), which
//    measures the verification work; the time at the default pace is given as computed.
//  - New heads: published one by one after catch-up; time from the finalHeads notification leaving the server to the
//    light node's 'head' event (fetch chain.header, verify, store). And verifyCommit alone, in process.
import { loadavg } from 'node:os';
import { verifyCommit } from '../shared/core/light/index.ts';
import { nobleVerifier, type SignatureVerifier } from '../shared/core/crypto/index.ts';
import { commitCertificateCodec, signedHeaderCodec } from '../shared/core/types/index.ts';
import { opensslVerifier } from '../shared/node/ed25519-openssl.ts';
import { median, type Figure } from './harness.ts';
import { syntheticChain, type ChainSpec, type SyntheticChain } from './lib/light-chain.ts';
import { catchUp, followHeads, percentile, startServerProcess } from './lib/light-run.ts';

const BLOCKS = 100_000;
const NEW_HEADS = 200;
const RUNS = 3;
const DEFAULT_PACE = 50; // requests/s: electron/services/light/connection.ts
const LIFTED_PACE = 1_000_000;

interface Variant {
  readonly label: string;
  readonly spec: ChainSpec;
  /** Catch up at the light node's default pace (only where that takes a few requests). */
  readonly defaultPace: boolean;
}

const VARIANTS: Variant[] = [
  {
    label: 'set unchanged, 4-block rounds',
    spec: { name: 'unchanged', blocks: BLOCKS + NEW_HEADS, roundLength: 4, setChangesEveryRound: false },
    defaultPace: true,
  },
  {
    label: 'set changing every round, 4-block rounds',
    spec: { name: 'changing', blocks: BLOCKS + NEW_HEADS, roundLength: 4, setChangesEveryRound: true },
    defaultPace: false,
  },
  {
    label: 'set unchanged, one round of 100,000+ blocks',
    spec: { name: 'one-round', blocks: BLOCKS + NEW_HEADS, roundLength: 200_000, setChangesEveryRound: false },
    defaultPace: true,
  },
];

function headNote(spec: ChainSpec): string {
  if (spec.roundLength !== 4) return 'all within one round';
  return spec.setChangesEveryRound
    ? 'every 4th head opens a round: chain.handOffs, the hand-off verified and confirmed'
    : 'every 4th head opens a round: a skip to it (the set is re-elected)';
}

function verifyCommitCost(chain: SyntheticChain, verifier: SignatureVerifier, count: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const height = 1 + ((i * 4099) % BLOCKS);
    const header = signedHeaderCodec.decodeOrThrow(chain.headers[height]!).header;
    const certificate = commitCertificateCodec.decodeOrThrow(chain.certificates[height]!);
    const validatorSet = chain.setOf(chain.roundOf(height));
    const start = performance.now();
    const verdict = verifyCommit({ header, certificate, validatorSet, chainId: chain.doc.chainId, verifier });
    samples.push(performance.now() - start);
    if (!verdict.ok) throw new Error(`The synthetic header ${height} does not verify: ${verdict.reason}`);
  }
  return samples.slice(Math.min(20, count >> 2)); // the first few warm up
}

async function benchVariant(variant: Variant): Promise<{ figures: Figure[]; chain: SyntheticChain }> {
  const { chain, generatedMs, cached } = syntheticChain(variant.spec);
  const server = await startServerProcess(variant.spec, BLOCKS, LIFTED_PACE);
  const figures: Figure[] = [];
  const tag = `[${variant.label}]`;
  try {
    const pace = variant.defaultPace ? {} : { requestsPerSecond: LIFTED_PACE };
    const times: number[] = [];
    const cores: number[] = [];
    let counts: Record<string, number> = {};
    let latencies: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const subscriptionsBefore = (await server.counts(true))['subscriptions so far'] ?? 0;
      const caught = await catchUp(chain.doc, server.url, BLOCKS, pace);
      times.push(caught.ms);
      cores.push(caught.cores);
      counts = await server.counts(true);
      if (run === RUNS - 1)
        latencies = await followHeads(caught.node, server, BLOCKS + 1, BLOCKS + NEW_HEADS, subscriptionsBefore);
      await caught.close();
    }
    const seconds = median(times) / 1000;
    const verified = (counts['handOff entries'] ?? 0) + (counts['chain.header'] ?? 0);
    const requests = Object.entries(counts).reduce((sum, [name, n]) => (name.startsWith('chain.') ? sum + n : sum), 0);
    const paceNote = variant.defaultPace ? 'at the default pace (50 requests/s)' : 'request pace lifted on both sides';
    figures.push(
      {
        name: `${tag} chain generated (${variant.spec.blocks} headers)`,
        value: generatedMs / 1000,
        unit: 's',
        note: cached
          ? 'when it was generated; read from .bench-cache/ in this run'
          : 'in this run; cached in .bench-cache/ for later runs',
      },
      {
        name: `${tag} catch-up of ${BLOCKS} blocks from genesis, total`,
        value: seconds,
        unit: 's',
        note: `${paceNote}; median of ${RUNS} (${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s), fresh data file each`,
      },
      {
        name: `${tag} catch-up rate, blocks covered`,
        value: BLOCKS / seconds,
        unit: 'blocks/s',
        note: variant.defaultPace
          ? 'goal: 100,000 blocks of an unchanged set in < 2 s'
          : 'goal (unchanged set): 100,000 blocks in < 2 s',
      },
      {
        name: `${tag} catch-up rate, certified headers served`,
        value: verified / seconds,
        unit: 'headers/s',
        note: `${verified} headers per catch-up (hand-off list entries and single headers; each one stepped on is verified, re-elections are passed over); ${requests} requests`,
      },
      {
        name: `${tag} CPU of the light node's process during catch-up`,
        value: median(cores),
        unit: 'cores',
        note: 'the RPC server runs in a process of its own',
      },
    );
    if (!variant.defaultPace) {
      figures.push({
        name: `${tag} catch-up at the default pace (computed)`,
        value: Math.max(seconds, (requests - 2 * DEFAULT_PACE) / DEFAULT_PACE),
        unit: 's',
        note: `${requests} requests at 50/s after a burst of 100; not run (it would take this long each time)`,
      });
    }
    figures.push(
      {
        name: `${tag} new head: notification → verified 'head' event (median)`,
        value: median(latencies),
        unit: 'ms',
        note: `${NEW_HEADS} heads one at a time; fetch chain.header, verify, store; goal < 5 ms`,
      },
      {
        name: `${tag} new head: notification → verified 'head' event (p99)`,
        value: percentile(latencies, 99),
        unit: 'ms',
        note: headNote(variant.spec),
      },
    );
  } finally {
    await server.stop();
  }
  return { figures, chain };
}

export default async function lightBench(): Promise<Figure[]> {
  const load = loadavg()[0]!;
  const figures: Figure[] = [];
  let chain: SyntheticChain | undefined;
  for (const variant of VARIANTS) {
    const result = await benchVariant(variant);
    figures.push(...result.figures);
    chain = result.chain;
  }
  const openssl = verifyCommitCost(chain!, opensslVerifier, 2000);
  const noble = verifyCommitCost(chain!, nobleVerifier, 200);
  figures.push(
    {
      name: 'verifyCommit for one header, OpenSSL verifier (median)',
      value: median(openssl) * 1000,
      unit: 'µs',
      note: `in process, 4-validator set, 3 precommit signatures; p99 ${(percentile(openssl, 99) * 1000).toFixed(0)} µs; the light node's default verifier`,
    },
    {
      name: 'verifyCommit for one header, noble verifier (median)',
      value: median(noble) * 1000,
      unit: 'µs',
      note: `pure JS, side by side; OpenSSL is ${(median(noble) / median(openssl)).toFixed(1)}x faster`,
    },
    {
      name: 'machine load average (1 min) at the start',
      value: load,
      unit: 'runnable',
      note: 'other work on this 2-core machine competes for the same cores',
    },
  );
  return figures;
}
