/**
 * Writes the seed corpus (fuzz/corpus/<target>/): valid encodings of every input kind, so the fuzzer starts
 * from the inside of each format instead of rediscovering its structure. Deterministic (fixed fast-check seed);
 * rerun after a format change with `node --import tsx fuzz/seed.ts`. Files are named by their SHA-1, as
 * libFuzzer names its own finds, so rerunning only adds.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import * as A from '../test/core/encoding/arbitraries.ts';
import { encodeMessage, encodeRequest, encodeResponse, ResponseStatus } from '../chain/p2p/wire.ts';
import { Topic } from '../chain/consensus/messages.ts';
import { normaliseGenesis } from '../shared/core/genesis/codec.ts';
import { devnetGenesis } from '../shared/core/genesis/devnet.ts';
import { MemoryNodeStore, SparseMerkleTree } from '../shared/core/merkle/index.ts';
import { encodeProof } from '../shared/core/merkle/proof.ts';
import { buildEnvelope, DEFAULT_DISPLAY, parseEnvelope, signEnvelope } from '../shared/core/offline/index.ts';
import { publicKeyFromSecret } from '../shared/core/crypto/index.ts';
import { rpcMethodNames, type RpcMethodName } from '../shared/contract/rpc.ts';
import type { Codec } from '../shared/core/encoding/index.ts';
import * as blocks from './targets/blocks.ts';
import * as consensus from './targets/consensus-messages.ts';
import * as state from './targets/state.ts';
import * as transactions from './targets/transactions.ts';
import { familySelector } from './targets/properties.ts';

const corpusRoot = path.join(path.dirname(new URL(import.meta.url).pathname), 'corpus');
const SEED = 20261206;
const sample = <T>(arb: fc.Arbitrary<T>, n: number): T[] => fc.sample(arb, { numRuns: n, seed: SEED });
const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);

function write(target: string, input: Uint8Array | string): void {
  const data = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input);
  const dir = path.join(corpusRoot, target);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, createHash('sha1').update(data).digest('hex')), data);
}

/** Seeds for a codec family: the selector byte, then the value's canonical encoding. */
function family(
  target: string,
  codecs: Record<string, Codec<unknown>>,
  name: string,
  values: readonly unknown[],
): void {
  const selector = familySelector(codecs, name);
  for (const value of values) write(target, Uint8Array.from([selector, ...codecs[name]!.encode(value)]));
}

// Transactions: every payload kind appears among the samples.
family('transactions', transactions.codecs, 'signedTransaction', sample(A.signedTransaction, 12));
family('transactions', transactions.codecs, 'transaction', sample(A.transaction, 4));
family('transactions', transactions.codecs, 'payload', sample(A.payload, 8));

// Blocks and consensus objects.
const someBlocks = sample(A.block, 3);
family('blocks', blocks.codecs, 'block', someBlocks);
family('blocks', blocks.codecs, 'blockHeader', sample(A.blockHeader, 3));
family('blocks', blocks.codecs, 'signedHeader', sample(A.signedHeader, 2));
family('blocks', blocks.codecs, 'commitCertificate', sample(A.commitCertificate(), 3));
family('blocks', blocks.codecs, 'validatorSet', sample(A.validatorSet, 3));
family('blocks', blocks.codecs, 'blockProposal', sample(A.blockProposal, 2));
family('blocks', blocks.codecs, 'signedBlockProposal', sample(A.signedBlockProposal, 2));
family('blocks', blocks.codecs, 'vote', sample(A.vote, 2));
family('blocks', blocks.codecs, 'signedVote', sample(A.signedVote, 2));

// State values and the genesis document (a real devnet one).
const devnet = devnetGenesis({ producers: 4, seed: bytes(32, 7) });
const validators = sample(A.validatorSet, 1)[0]!.slice(0, 2);
family('state', state.codecs, 'account', sample(A.account, 4));
family('state', state.codecs, 'candidate', sample(A.candidate, 3));
family('state', state.codecs, 'member', sample(A.member, 2));
family('state', state.codecs, 'governanceProposal', sample(A.governanceProposal, 4));
family('state', state.codecs, 'chainParameters', sample(A.chainParameters, 2));
family('state', state.codecs, 'roundRecord', [
  {
    height: 0n,
    rounds: [
      { round: 0n, startHeight: 1n, blocksPerTurn: 1, validators },
      { round: 1n, startHeight: 1n + BigInt(validators.length), blocksPerTurn: 2, validators },
    ],
  },
]);
family('state', state.codecs, 'totals', [
  { supply: 10n ** 12n, staked: 10n ** 9n, minted: 5n, burned: 1n, slashed: 2n },
]);
family('state', state.codecs, 'owner', [{ candidate: bytes(20, 3) }]);
family('state', state.codecs, 'application', [{ proposalId: bytes(32, 4) }]);
family('state', state.codecs, 'deadlines', [{ proposals: [bytes(32, 1), bytes(32, 2)] }]);
family('state', state.codecs, 'memberList', [[bytes(20, 1), bytes(20, 2)]]);
family('state', state.codecs, 'candidateList', [[bytes(20, 5)]]);
family('state', state.codecs, 'genesisDoc', [normaliseGenesis(devnet.doc)]);

// Consensus P2P messages.
const certified = someBlocks.map((block) => ({ block, certificate: sample(A.commitCertificate(), 1)[0]! }));
family(
  'consensus-messages',
  consensus.codecs,
  'proposalMessage',
  sample(A.signedBlockProposal, 2).map((proposal, i) => ({ proposal, block: someBlocks[i]! })),
);
family('consensus-messages', consensus.codecs, 'getBlocksRequest', [{ fromHeight: 1n, count: 50 }]);
family('consensus-messages', consensus.codecs, 'getBlocksResponse', [certified.slice(0, 2), []]);
family('consensus-messages', consensus.codecs, 'certifiedBlock', certified.slice(0, 1));
family('consensus-messages', consensus.codecs, 'status', [{ height: 12345n }]);

// P2P frames of each kind, carrying consensus payloads.
write('p2p-frames', encodeMessage(Topic.VOTE, blocks.codecs.signedVote.encode(sample(A.signedVote, 1)[0]!)));
write(
  'p2p-frames',
  encodeRequest(Topic.GET_BLOCKS, 7, consensus.codecs.getBlocksRequest.encode({ fromHeight: 3n, count: 10 })),
);
write('p2p-frames', encodeResponse(7, ResponseStatus.OK, consensus.codecs.status.encode({ height: 9n })));
write('p2p-frames', encodeResponse(8, ResponseStatus.ERROR, new TextEncoder().encode('no such block')));

// Sparse-Merkle proofs: membership, absence and a neighbouring leaf, from a small real tree.
const nodes = new MemoryNodeStore();
const tree = new SparseMerkleTree(nodes);
const keys = [1, 2, 3, 4, 5].map((i) => createHash('sha256').update(`key:${i}`).digest());
const update = tree.update(
  bytes(32, 0),
  keys.map((key, i) => ({ key, valueHash: bytes(32, i + 1) })),
);
nodes.put(update.nodes);
for (const key of [...keys.slice(0, 2), createHash('sha256').update('absent').digest()])
  write('smt-proofs', encodeProof(tree.prove(update.root, key)));

// Offline signing: requests for several transactions, and a reply really signed by the sender.
const secretKey = bytes(32, 9);
const senderPublicKey = publicKeyFromSecret(secretKey);
sample(A.transaction, 6).forEach((tx, i) => {
  const built = buildEnvelope(
    {
      chainId: 'consortia-devnet',
      addressPrefix: 'cdev',
      requestId: i.toString(16).padStart(32, '0'),
      tx: { ...tx, senderPublicKey },
      createdAt: '2026-12-06T12:00:00Z',
    },
    DEFAULT_DISPLAY,
  );
  if (!built.ok) throw new Error(`seed envelope: ${built.reason}`);
  const text = JSON.stringify(built.value);
  write('offline-envelope', Buffer.concat([Buffer.of(0), Buffer.from(text)]));
  const opened = parseEnvelope(text, DEFAULT_DISPLAY);
  if (!opened.ok) throw new Error(`seed envelope does not open: ${opened.reason}`);
  const reply = signEnvelope(opened.value, secretKey, senderPublicKey);
  if (!reply.ok) throw new Error(`seed reply: ${reply.reason}`);
  if (i < 2) write('offline-envelope', Buffer.concat([Buffer.of(1), Buffer.from(JSON.stringify(reply.value))]));
});

// RPC: a valid request for every method, a batch, a notification.
const hash = 'ab'.repeat(32);
const params: Record<RpcMethodName, unknown> = {
  'chain.info': {},
  'chain.header': { height: '12' },
  'chain.block': { hash },
  'chain.handOffs': { fromRound: 0, limit: 5 },
  'chain.round': { round: '3' },
  'pos.candidates': {},
  'gov.members': {},
  'gov.proposals': { includeClosed: true },
  'state.account': { address: 'cdev1qqqqqqqqqqqqqqqqqq', height: 4 },
  'state.candidate': { address: 'cdev1qqqqqqqqqqqqqqqqqq' },
  'state.record': { key: hash },
  'tx.submit': { transaction: '00ff' },
  'tx.status': { id: hash },
  'account.nextNonce': { address: 'cdev1qqqqqqqqqqqqqqqqqq' },
  'account.history': { address: 'cdev1qqqqqqqqqqqqqqqqqq', limit: 10, before: { height: '100', position: 2 } },
  subscribe: { topic: 'newHeads' },
  unsubscribe: { subscription: 'sub-1' },
  'node.metrics': {},
  'node.evidence': {},
};
rpcMethodNames.forEach((method, i) => {
  write('rpc-params', Buffer.concat([Buffer.of(i), Buffer.from(JSON.stringify(params[method]))]));
  write('rpc-envelope', JSON.stringify({ jsonrpc: '2.0', id: i, method, params: params[method] }));
});
write(
  'rpc-envelope',
  JSON.stringify([
    { jsonrpc: '2.0', id: 'a', method: 'chain.info' },
    { jsonrpc: '2.0', method: 'node.metrics' },
  ]),
);

// Web host frames: a call (text) and a binary frame.
write(
  'webhost-frames',
  Buffer.concat([
    Buffer.of(0),
    Buffer.from(JSON.stringify({ type: 'call', id: 1, method: 'wallet.list', input: { page: 1 } })),
  ]),
);
write(
  'webhost-frames',
  Buffer.concat([
    Buffer.of(0),
    Buffer.from(JSON.stringify({ type: 'call', id: 2, method: 'node.status', input: null })),
  ]),
);
write('webhost-frames', Buffer.of(1, 0x7b));

console.log(`seed corpus written under ${path.relative(process.cwd(), corpusRoot)}`);
