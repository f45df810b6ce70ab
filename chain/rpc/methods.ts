import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { z } from 'zod';
import { encodeAddress, parseAddress } from '../../shared/core/crypto/index.ts';
import { encodeProof, SparseMerkleTree, txInclusionProof } from '../../shared/core/merkle/index.ts';
import { accountKey, candidateKey, StateView } from '../../shared/core/state/index.ts';
import { producerAt, scheduleForRound } from '../../shared/core/dpos/index.ts';
import {
  accountCodec,
  blockCodec,
  candidateCodec,
  validatorSetCodec,
  headerHash,
  transactionId,
  type Block,
} from '../../shared/core/types/index.ts';
import { equalBytes } from '../../shared/core/encoding/index.ts';
import type { Logger } from 'pino';
import { rpcParams, type RpcMethodName, type RpcResult, type TxRefusal } from '../../shared/contract/rpc.ts';
import { method, RpcDispatcher, RpcError, RpcErrorCode, type RpcSession } from './jsonrpc.ts';
import { hex, toJson } from './json.ts';
import type { ChainState } from '../consensus/chain-state.ts';
import type { ConsensusEngine } from '../consensus/engine.ts';
import type { Mempool, PoolEntry } from '../mempool/mempool.ts';
import type { Admission } from '../transactions.ts';

/**
 * What the RPC methods read of a node: its chain, the consensus engine's round and evidence, the pool, admission of
 * a submitted transaction, its metrics and its log. `ConsortiaNode` provides it; the methods need nothing more, so
 * this module does not import the node (which imports it).
 */
export interface RpcNodeQueries {
  readonly chain: ChainState;
  readonly engine: Pick<ConsensusEngine, 'round' | 'evidence'>;
  readonly mempool: Pick<Mempool, 'get' | 'waitingFor' | 'nextNonce' | 'pooledCount'>;
  readonly log: Pick<Logger, 'error'>;
  submitTransaction(bytes: Uint8Array): Promise<Admission>;
  metrics(): RpcResult<'node.metrics'>;
  peersHeight(): bigint | undefined;
}

type HistoryRole = RpcResult<'account.history'>[number]['role'];

/** Each handler takes its method's parsed params and returns the result the contract gives (shared/contract/rpc-results.ts). */
type Handlers = {
  [M in RpcMethodName]: (
    params: z.output<(typeof rpcParams)[M]>,
    session: RpcSession,
  ) => RpcResult<M> | Promise<RpcResult<M>>;
};

/** The node's JSON-RPC methods (documented in docs/RPC.md), built from the shared parameter and result schemas. */
export function rpcDispatcher(getNode: () => RpcNodeQueries): RpcDispatcher {
  const node = () => getNode();
  const prefix = () => node().chain.genesis.addressPrefix;
  const address = (text: string) => {
    const parsed = parseAddress(prefix(), text);
    if (!parsed.ok) throw new RpcError(RpcErrorCode.INVALID_PARAMS, `Invalid address: ${parsed.reason}`);
    return parsed.value;
  };
  const resolveHeight = (ref: { height: bigint } | { hash: string }): bigint => {
    const chain = node().chain;
    const height = 'height' in ref ? ref.height : chain.store.heightOfHash(hexToBytes(ref.hash));
    if (height === undefined || height > chain.height())
      throw new RpcError(RpcErrorCode.NOT_FOUND, 'No such block on this node.');
    return height;
  };
  /** A record with its sparse-Merkle proof against the header at `height` (default: newest). */
  const proven = (key: Uint8Array, requested?: bigint) => {
    const chain = node().chain;
    const height = requested ?? chain.height();
    const header = chain.header(height);
    if (!header) throw new RpcError(RpcErrorCode.NOT_FOUND, `No block at height ${height} on this node.`);
    const tree = new SparseMerkleTree(chain.store.nodeStore());
    const valueHash = tree.get(header.stateRoot, key);
    const value = valueHash ? chain.store.valueByHash(valueHash) : undefined;
    return {
      height: height.toString(),
      blockHash: hex(headerHash(header)),
      key: hex(key),
      value: value ? hex(value) : null,
      proof: hex(encodeProof(tree.prove(header.stateRoot, key))),
      decoded: value,
    };
  };

  const handlers: Handlers = {
    'chain.info': () => {
      const queries = node();
      const { chain, engine } = queries;
      const ctx = chain.context();
      const peersHeight = queries.peersHeight();
      return {
        chainId: chain.chainId,
        addressPrefix: prefix(),
        genesisHash: hex(chain.genesisHash),
        height: chain.height().toString(),
        headHash: hex(chain.headerHashAt(chain.height())!),
        finalHeight: chain.height().toString(),
        dposRound: ctx.dposRound.toString(),
        bftRound: engine.round,
        validatorSetHash: hex(chain.header(chain.height())!.nextValidatorSetHash),
        validators: toJson(ctx.validators, prefix()),
        validatorSet: hex(validatorSetCodec.encode(ctx.validators)),
        parameters: toJson(ctx.params, prefix()),
        ...(peersHeight === undefined ? {} : { peersHeight: peersHeight.toString() }),
      };
    },
    'chain.header': (ref) => {
      const height = resolveHeight(ref);
      const { chain } = node();
      const cert = chain.store.certificate(height);
      return {
        height: height.toString(),
        hash: hex(chain.headerHashAt(height)!),
        header: height === 0n ? null : hex(chain.store.headerByHeight(height)!),
        certificate: cert ? hex(cert) : null,
        decoded: toJson(chain.header(height)!, prefix()),
      };
    },
    'chain.block': (ref) => {
      const height = resolveHeight(ref);
      if (height === 0n) throw new RpcError(RpcErrorCode.NOT_FOUND, 'Height 0 is the genesis header; it has no block.');
      const { chain } = node();
      const bytes = chain.store.blockByHeight(height)!;
      const block = blockCodec.decodeOrThrow(bytes);
      const cert = chain.store.certificate(height);
      return {
        height: height.toString(),
        hash: hex(chain.headerHashAt(height)!),
        block: hex(bytes),
        certificate: cert ? hex(cert) : null,
        transactions: summarise(block, prefix()),
      };
    },
    'chain.handOffs': ({ fromRound, limit }) => {
      const { chain } = node();
      const out = [];
      for (let round = fromRound; out.length < limit; round++) {
        const last = chain.store.lastHeightOfRound(round);
        if (last === undefined || last === chain.height()) break; // the round is not over yet
        const next = chain.validatorsOfHeight(last + 1n);
        if (!next) break;
        out.push({
          round: round.toString(),
          height: last.toString(),
          header: hex(chain.store.headerByHeight(last)!),
          certificate: hex(chain.store.certificate(last)!),
          nextValidatorSet: hex(validatorSetCodec.encode(next)),
        });
      }
      return out;
    },
    'chain.round': ({ round }) => roundView(node(), round),
    'pos.candidates': () => {
      const view = StateView.over(node().chain.reader);
      const ctx = node().chain.context();
      const active = new Set(ctx.validators.map((v) => hex(v.address)));
      const list = view.candidateList().map((a) => ({ address: a, ...view.candidate(a)! }));
      list.sort((x, y) =>
        x.voteWeight === y.voteWeight
          ? hex(x.address).localeCompare(hex(y.address))
          : x.voteWeight > y.voteWeight
            ? -1
            : 1,
      );
      return list.map((c, i) => ({ rank: i + 1, inActiveSet: active.has(hex(c.address)), ...toJson(c, prefix()) }));
    },
    'gov.members': () => {
      const view = StateView.over(node().chain.reader);
      return view
        .memberList()
        .map((a) => ({ address: a, ...view.member(a)! }))
        .map((m) => toJson(m, prefix()));
    },
    'gov.proposals': ({ includeClosed }) => {
      const { chain } = node();
      const view = StateView.over(chain.reader);
      const params = chain.context().params;
      const seen = new Map<string, RpcResult<'gov.proposals'>[number]>();
      // Open proposals from their index record (0x0b), the set a light client proves the listing against.
      for (const id of view.openProposals()) {
        const p = view.proposal(id);
        if (p) seen.set(hex(id), toJson(p, prefix()));
      }
      if (!includeClosed) return [...seen.values()];
      const from =
        chain.height() > BigInt(params.proposalPeriodBlocks)
          ? chain.height() - BigInt(params.proposalPeriodBlocks)
          : 0n;
      for (let h = from; h <= chain.height() + BigInt(params.proposalPeriodBlocks) + 1n; h++) {
        for (const id of view.proposalsEndingAt(h)) {
          const p = view.proposal(id);
          if (p && (includeClosed || p.status === 'open')) seen.set(hex(id), toJson(p, prefix()));
        }
      }
      return [...seen.values()];
    },
    'state.account': ({ address: text, height }) => {
      const result = proven(accountKey(address(text)), height);
      return {
        ...result,
        decoded: result.decoded ? toJson(accountCodec.decodeOrThrow(result.decoded), prefix()) : null,
      };
    },
    'state.candidate': ({ address: text, height }) => {
      const result = proven(candidateKey(address(text)), height);
      return {
        ...result,
        decoded: result.decoded ? toJson(candidateCodec.decodeOrThrow(result.decoded), prefix()) : null,
      };
    },
    'state.record': ({ key, height }) => {
      const result = proven(hexToBytes(key), height);
      return { ...result, decoded: undefined };
    },
    'tx.submit': async ({ transaction }) => {
      const admitted = await node().submitTransaction(hexToBytes(transaction));
      // The refusal travels whole as data (docs/RPC.md "Refusals"); the message is the same reason, for people.
      if (!admitted.ok)
        throw new RpcError(RpcErrorCode.REJECTED, admitted.reason, {
          code: admitted.code,
          reason: admitted.reason,
        } satisfies TxRefusal);
      return { id: admitted.id };
    },
    'tx.status': ({ id }) => {
      const { chain, mempool } = node();
      const pooled = mempool.get(id);
      if (pooled) return pendingView(node(), pooled);
      const location = chain.store.transactionLocation(hexToBytes(id));
      if (!location) return { status: 'unknown' };
      const idList = chain.block(location.height)!.transactions.map(transactionId);
      return {
        status: 'final',
        height: location.height.toString(),
        blockHash: hex(chain.headerHashAt(location.height)!),
        index: location.position,
        count: idList.length,
        proof: txInclusionProof(idList, location.position).map(hex),
      };
    },
    'account.nextNonce': ({ address: text }) => {
      const { mempool } = node();
      const sender = address(text);
      const accountNonce = node().chain.accountNonce(sender);
      const nextNonce = mempool.nextNonce(hex(sender), accountNonce);
      return {
        address: text,
        accountNonce: accountNonce.toString(),
        pooled: mempool.pooledCount(hex(sender)),
        nextNonce: nextNonce.toString(),
      };
    },
    'account.history': ({ address: text, limit, before }) => {
      const { chain } = node();
      const entries = chain.store.accountHistory(address(text), { limit, ...(before ? { before } : {}) });
      // The store keeps the role as text; only historyOf (consensus/messages.ts) writes it, with these three.
      return entries.map((e) => ({
        height: e.height.toString(),
        position: e.position,
        role: e.role as HistoryRole,
        id: hex(e.txId),
      }));
    },
    subscribe: ({ topic }, session) => {
      if (!session.subscribe)
        throw new RpcError(RpcErrorCode.INVALID_REQUEST, 'Subscriptions need a WebSocket connection.');
      return session.subscribe(topic, null);
    },
    unsubscribe: ({ subscription }, session) => {
      if (!session.unsubscribe)
        throw new RpcError(RpcErrorCode.INVALID_REQUEST, 'Subscriptions need a WebSocket connection.');
      return session.unsubscribe(subscription);
    },
    'node.metrics': () => node().metrics(),
    'node.evidence': () => evidenceView(node()),
  };
  const methods = Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      method(rpcParams[name as RpcMethodName], handler as never),
    ]),
  );
  return new RpcDispatcher(methods, {
    onInternalError: (name, error, reference) =>
      node().log.error({ err: error, method: name, reference }, 'rpc: internal error'),
  });
}

/**
 * A pooled transaction: its nonce and expiry, and when an earlier nonce of its sender is in neither the chain nor
 * this pool, the nonce it waits for (that transaction was lost or never sent; until it comes this one cannot be
 * included, and it expires at `expiryHeight`).
 */
function pendingView(node: RpcNodeQueries, entry: PoolEntry): RpcResult<'tx.status'> {
  const accountNonce = node.chain.accountNonce(hexToBytes(entry.sender));
  const waitingFor = node.mempool.waitingFor(entry, accountNonce);
  return {
    status: 'pending',
    nonce: entry.nonce.toString(),
    accountNonce: accountNonce.toString(),
    expiryHeight: entry.expiryHeight.toString(),
    ...(waitingFor !== undefined ? { waitingForNonce: waitingFor.toString() } : {}),
  };
}

/** Equivocation this node saw, each with the payload of the evidence transaction that reports it. */
export function evidenceView(node: RpcNodeQueries): RpcResult<'node.evidence'> {
  const { chain, engine } = node;
  const view = StateView.over(chain.reader);
  const prefix = chain.genesis.addressPrefix;
  return engine.evidence().map((e) => {
    const owner = view.consensusKeyOwner(e.validator);
    const candidate = owner ? view.candidate(owner) : undefined;
    return {
      kind: e.kind,
      message: e.message,
      height: e.height.toString(),
      round: e.round,
      validator: hex(e.validator),
      payload: hex(e.encoded),
      candidate: owner ? encodeAddress(prefix, owner) : null,
      candidateStatus: candidate?.status ?? null,
      seenAt: e.seenAt,
    };
  });
}

function summarise(block: Block, prefix: string): RpcResult<'chain.block'>['transactions'] {
  return block.transactions.map((t) =>
    toJson({ type: t.tx.payload.type, nonce: t.tx.nonce, fee: t.tx.fee, sender: t.tx.senderPublicKey }, prefix),
  );
}

/** The schedule of a DPoS round and what happened in each slot. */
export function roundView(node: Pick<RpcNodeQueries, 'chain'>, requested?: bigint): RpcResult<'chain.round'> {
  const { chain } = node;
  const ctx = chain.context();
  const round = requested ?? ctx.dposRound;
  const prefix = chain.genesis.addressPrefix;
  const first =
    round === ctx.dposRound
      ? (chain.store.firstHeightOfRound(round) ?? ctx.height)
      : chain.store.firstHeightOfRound(round);
  const set = round === ctx.dposRound ? ctx.validators : chain.validatorsOfHeight(first ?? 0n);
  if (first === undefined || !set)
    throw new RpcError(RpcErrorCode.NOT_FOUND, `Round ${round} is not known to this node.`);
  const seed = chain.headerHashAt(first - 1n)!;
  const blocksPerTurn = ctx.params.blocksPerTurn;
  const schedule = scheduleForRound(
    set.map((v) => v.address),
    seed,
    blocksPerTurn,
  );
  const slots: RpcResult<'chain.round'>['slots'] = [];
  for (let slot = 0; slot < schedule.length; slot++) {
    const height = first + BigInt(slot);
    const scheduled = producerAt(schedule, slot);
    const header = height <= chain.height() ? chain.header(height) : undefined;
    const status = header
      ? equalBytes(header.producer, scheduled)
        ? 'produced'
        : 'missed'
      : height === chain.height() + 1n
        ? 'now'
        : 'upcoming';
    slots.push({
      height: height.toString(),
      producer: toJson(scheduled, prefix),
      status,
      ...(header ? { actualProducer: toJson(header.producer, prefix), timestamp: header.timestamp.toString() } : {}),
    });
  }
  const last = first + BigInt(schedule.length) - 1n;
  const lastHeader = chain.header(last);
  return {
    round: round.toString(),
    firstHeight: first.toString(),
    lastHeight: last.toString(),
    validators: toJson(set, prefix),
    slots,
    finalHeight: chain.height().toString(),
    nextValidatorSetHash: lastHeader ? bytesToHex(lastHeader.nextValidatorSetHash) : null,
  };
}
