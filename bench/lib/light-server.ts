/**
 * A node's JSON-RPC, as docs/RPC.md specifies it, for the methods a light node uses (chain.info,
 * chain.header, chain.handOffs, subscribe, unsubscribe), answered from a synthetic chain instead of
 * a running node. It reuses the node's server, dispatcher and parameter schemas; only the method
 * table is ours. `advance` makes one more block final and notifies `finalHeads` subscribers.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import type { z } from 'zod';
import { encodeAddress } from '../../shared/core/crypto/index.ts';
import { genesisHash, genesisHeader } from '../../shared/core/genesis/index.ts';
import { signedHeaderCodec, validatorSetCodec, type BlockHeader } from '../../shared/core/types/index.ts';
import { rpcParams, type RpcMethodName } from '../../shared/contract/rpc.ts';
import { method, RpcDispatcher, RpcError, RpcErrorCode, type RpcMethod } from '../../chain/rpc/jsonrpc.ts';
import { toJson } from '../../chain/rpc/json.ts';
import { startRpcServer, type RpcServer } from '../../chain/rpc/server.ts';
import type { SyntheticChain } from './light-chain.ts';

type Served = 'chain.info' | 'chain.header' | 'chain.handOffs' | 'subscribe' | 'unsubscribe';
type Handler<M extends RpcMethodName> = (
  params: z.output<(typeof rpcParams)[M]>,
  session: Parameters<RpcMethod<z.ZodType>['handler']>[1],
) => unknown;

export interface LightServer {
  readonly server: RpcServer;
  /** Requests answered per method, and hand-off entries sent, since the last reset; and 'subscriptions so far' (never reset). */
  counts(): Record<string, number>;
  resetCounts(): void;
  /** Makes `height` the newest final block and notifies `finalHeads`; returns when it was sent (epoch ms, sub-ms precision). */
  advance(height: number): number;
  close(): Promise<void>;
}

export interface LightServerOptions {
  /** The newest final block at the start. */
  height: number;
  /** Requests per second per connection (the node's default is 100, in bursts of 200). */
  requestsPerSecond?: number;
}

const hex = bytesToHex;

export async function startLightServer(chain: SyntheticChain, options: LightServerOptions): Promise<LightServer> {
  let height = options.height;
  let subscriptions = 0;
  const counts: Record<string, number> = {};
  const prefix = chain.doc.addressPrefix;
  const genesis = genesisHeader(chain.doc);
  const headerAt = (h: number): BlockHeader =>
    h === 0 ? genesis : signedHeaderCodec.decodeOrThrow(chain.headers[h]!).header;
  const known = (h: bigint): number => {
    if (h > BigInt(height)) throw new RpcError(RpcErrorCode.NOT_FOUND, 'No such block on this node.');
    return Number(h);
  };

  const handlers: { [M in Served]: Handler<M> } = {
    'chain.info': () => {
      const set = chain.setOf(chain.roundOf(height + 1));
      return {
        chainId: chain.doc.chainId,
        addressPrefix: prefix,
        genesisHash: hex(genesisHash(chain.doc)),
        height: String(height),
        headHash: hex(chain.hashes[height]!),
        finalHeight: String(height),
        dposRound: String(chain.roundOf(height + 1)),
        bftRound: 0,
        validatorSetHash: hex(headerAt(height).nextValidatorSetHash),
        validators: set.map((v) => ({ address: encodeAddress(prefix, v.address), consensusKey: hex(v.consensusKey) })),
        validatorSet: hex(validatorSetCodec.encode(set)),
        parameters: toJson(chain.doc.parameters, prefix),
      };
    },
    'chain.header': (ref) => {
      const h = 'height' in ref ? known(ref.height) : chain.hashes.findIndex((x) => hex(x) === ref.hash);
      if (h < 0 || h > height) throw new RpcError(RpcErrorCode.NOT_FOUND, 'No such block on this node.');
      return {
        height: String(h),
        hash: hex(chain.hashes[h]!),
        header: h === 0 ? null : hex(chain.headers[h]!),
        certificate: h === 0 ? null : hex(chain.certificates[h]!),
        decoded: toJson(headerAt(h), prefix),
      };
    },
    'chain.handOffs': ({ fromRound, limit }) => {
      const out = [];
      for (let round = Number(fromRound); out.length < limit; round++) {
        const last = (round + 1) * chain.spec.roundLength;
        if (last >= height) break; // the round is not over yet
        out.push({
          round: String(round),
          height: String(last),
          header: hex(chain.headers[last]!),
          certificate: hex(chain.certificates[last]!),
          nextValidatorSet: hex(validatorSetCodec.encode(chain.setOf(round + 1))),
        });
      }
      counts['handOff entries'] = (counts['handOff entries'] ?? 0) + out.length;
      return out;
    },
    subscribe: ({ topic }, session) => {
      if (!session.subscribe)
        throw new RpcError(RpcErrorCode.INVALID_REQUEST, 'Subscriptions need a WebSocket connection.');
      const id = session.subscribe(topic, null);
      subscriptions++;
      return id;
    },
    unsubscribe: ({ subscription }, session) => {
      if (!session.unsubscribe)
        throw new RpcError(RpcErrorCode.INVALID_REQUEST, 'Subscriptions need a WebSocket connection.');
      return session.unsubscribe(subscription);
    },
  };
  const methods = Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      method(rpcParams[name as Served] as z.ZodType, (params, session) => {
        counts[name] = (counts[name] ?? 0) + 1;
        return (handler as (p: unknown, s: typeof session) => unknown)(params, session);
      }),
    ]),
  );
  const rate = options.requestsPerSecond;
  const server = await startRpcServer({
    dispatcher: new RpcDispatcher(methods),
    topics: ['finalHeads'],
    ...(rate ? { limits: { requestsPerSecond: rate, burst: rate * 2 } } : {}),
  });

  return {
    server,
    counts: () => ({ ...counts, 'subscriptions so far': subscriptions }),
    resetCounts: () => {
      for (const key of Object.keys(counts)) delete counts[key];
    },
    advance(next) {
      height = next;
      const header = headerAt(next);
      const payload = {
        height: String(next),
        hash: hex(chain.hashes[next]!),
        round: 0,
        dposRound: String(header.dposRound),
        timestamp: String(header.timestamp),
        transactions: 0,
      };
      const sentAt = performance.timeOrigin + performance.now();
      server.publish('finalHeads', payload);
      return sentAt;
    },
    close: () => server.close(),
  };
}
