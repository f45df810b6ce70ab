// Random transaction sequences, packed into blocks the way a producer would (trial-apply each
// transaction, keep the accepted ones), checked against the chain's invariants after each block.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicKeyFromSecret, SigningDomain } from '../../../shared/core/crypto/index.ts';
import { equalBytes, sumU64 } from '../../../shared/core/encoding/index.ts';
import { MemoryNodeStore } from '../../../shared/core/merkle/index.ts';
import {
  applyBlock,
  applyTransaction,
  EMPTY_STATE_ROOT,
  MemoryState,
  roundRecord,
  StateView,
  updateStateRoot,
  type StateChange,
} from '../../../shared/core/state/index.ts';
import {
  orderEvidence,
  signedVoteCodec,
  voteCodec,
  type Payload,
  type SignedTransaction,
  type Vote,
} from '../../../shared/core/types/index.ts';
import { CHAIN_ID, Harness, outsider, signIn, signTx, verifier, type Signer } from './helpers.ts';

type Op =
  | { kind: 'transfer' | 'stake'; actor: number; target: number; amount: bigint }
  | { kind: 'unstake'; actor: number; amount: bigint; thenWithdraw: boolean }
  | { kind: 'vote'; actor: number; target: number; amount: bigint; increase: boolean }
  | { kind: 'withdraw' | 'resign' | 'unjail' | 'register'; actor: number }
  | { kind: 'evidence'; actor: number; target: number }
  | { kind: 'block'; producer: number; scheduled: number };

// Mostly small amounts (so many transactions pass), sometimes large ones (to hit the limits).
const amount = fc.oneof(
  { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: 5000n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 300_000_000_000n }) },
);
const actor = fc.nat(7);
const producer = fc.nat(3);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom('transfer' as const, 'stake' as const),
      actor,
      target: actor,
      amount,
    }),
  },
  // With a zero unbonding period, a withdraw right after an unstake pays it out.
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('unstake' as const), actor, amount, thenWithdraw: fc.boolean() }),
  },
  // Vote mostly for the producers (always candidates), sometimes for anyone.
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('vote' as const),
      actor,
      target: fc.oneof(producer, actor),
      amount,
      increase: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), actor }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constantFrom('resign' as const, 'unjail' as const, 'register' as const), actor }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('evidence' as const), actor, target: producer }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('block' as const), producer, scheduled: producer }) },
);

interface World {
  h: Harness;
  actors: Signer[];
  consensusKeys: Uint8Array[];
}

function world(): World {
  const h = new Harness({
    parameters: { unbondingPeriodBlocks: 0n, jailPeriodBlocks: 2n, missLimit: 2, slashPpm: 800_000 },
  });
  const actors = [...h.producers, ...h.members, outsider(1), outsider(2)];
  // A first block funds the outsiders, has the members stake and frees half of each producer's
  // stake, so random votes and unstakes often succeed. Fees reach a producer: supply stays whole.
  const setup = [
    ...actors
      .slice(6)
      .map((o, i) =>
        h.tx(
          h.producers[0]!,
          { type: 'transfer', to: o.address, amount: 1_000_000_000n, memo: '' },
          { nonce: BigInt(i) },
        ),
      ),
    ...h.members.map((m) => h.tx(m, { type: 'stake', amount: 1_000_000n })),
    ...h.producers.map((p, i) =>
      h.tx(
        p,
        { type: 'vote', changes: [{ candidate: p.address, increase: false, amount: 50_000_000_000n }] },
        { nonce: i === 0 ? 2n : 0n },
      ),
    ),
  ];
  const result = h.block(setup, h.producers[0]!.address);
  if (!result.ok) throw new Error(result.reason);
  return { h, actors, consensusKeys: actors.map((_, i) => publicKeyFromSecret(new Uint8Array(32).fill(60 + i))) };
}

function payloadsOf(w: World, o: Exclude<Op, { kind: 'block' }>, height: bigint): Payload[] {
  if (o.kind === 'unstake')
    return o.thenWithdraw
      ? [{ type: 'unstake', amount: o.amount }, { type: 'withdraw' }]
      : [{ type: 'unstake', amount: o.amount }];
  return [payloadOf(w, o, height)];
}

function payloadOf(w: World, o: Exclude<Op, { kind: 'block' | 'unstake' }>, height: bigint): Payload {
  const target = 'target' in o ? w.actors[o.target]!.address : new Uint8Array(20);
  switch (o.kind) {
    case 'transfer':
      return { type: 'transfer', to: target, amount: o.amount, memo: '' };
    case 'stake':
      return { type: 'stake', amount: o.amount };
    case 'vote':
      return { type: 'vote', changes: [{ candidate: target, increase: o.increase, amount: o.amount }] };
    case 'withdraw':
      return { type: 'withdraw' };
    case 'resign':
      return { type: 'candidate.resign' };
    case 'unjail':
      return { type: 'candidate.unjail' };
    case 'register':
      return {
        type: 'candidate.register',
        name: `actor-${o.actor}`,
        consensusKey: w.consensusKeys[o.actor]!,
        endpoint: 'wss://x',
      };
    case 'evidence': {
      const k = w.h.devnet.producerKeys[o.target]!;
      const v: Vote = {
        type: 'prevote',
        height,
        round: 0,
        blockHash: new Uint8Array(32).fill(1),
        validator: k.consensusPublicKey,
      };
      const sign = (x: Vote) => ({
        vote: x,
        signature: signIn(SigningDomain.PREVOTE, voteCodec.encode(x), k.consensusSecretKey),
      });
      const [voteA, voteB] = orderEvidence(
        signedVoteCodec,
        sign(v),
        sign({ ...v, blockHash: new Uint8Array(32).fill(2) }),
      );
      return { type: 'evidence.doubleSign', voteA, voteB };
    }
  }
}

interface BlockRecord {
  producer: Uint8Array;
  scheduled: Uint8Array;
  transactions: SignedTransaction[];
  changes: StateChange[];
}

/** Runs the ops, packing accepted transactions into blocks; checks invariants after every block. */
function run(w: World, ops: Op[], check: (w: World) => void): BlockRecord[] {
  const { h } = w;
  const blocks: BlockRecord[] = [];
  let trial = StateView.over(h.state);
  let pending: SignedTransaction[] = [];
  const seal = (producer: number, scheduled: number): void => {
    const set = roundRecord(h.state).rounds[0]!.validators;
    const p = set[producer % set.length]!.address;
    const s = set[scheduled % set.length]!.address;
    const result = h.block(pending, p, s);
    if (!result.ok) throw new Error(`a block of trial-accepted transactions was refused: ${result.reason}`);
    blocks.push({ producer: p, scheduled: s, transactions: pending, changes: result.changes });
    check(w);
    pending = [];
    trial = StateView.over(h.state);
  };
  for (const o of [...ops, { kind: 'block' as const, producer: 0, scheduled: 0 }]) {
    if (o.kind === 'block') {
      seal(o.producer, o.scheduled);
      continue;
    }
    const signer = w.actors[o.actor]!;
    for (const payload of payloadsOf(w, o, h.height)) {
      const tx = signTx(signer, {
        nonce: trial.account(signer.address).nonce,
        fee: h.params.minFee,
        expiryHeight: h.height,
        payload,
      });
      const ctx = { chainId: CHAIN_ID, height: h.height, verifier, params: h.params };
      if (applyTransaction(trial, tx, ctx).ok) pending.push(tx);
    }
  }
  return blocks;
}

function checkInvariants({ h, actors }: World): void {
  const v = h.view();
  const totals = v.totals();
  const accounts = actors.map((a) => v.account(a.address));
  const held = sumU64(accounts.map((a) => a.balance + a.staked + sumU64(a.unbonding.map((u) => u.amount))));
  // (a) supply: everything held equals genesis supply + minted − burned.
  expect(held).toBe(totals.supply);
  expect(totals.supply).toBe(INITIAL_SUPPLY + totals.minted - totals.burned);
  expect(sumU64(accounts.map((a) => a.staked))).toBe(totals.staked);
  // (c) allocations within stake; each candidate's weight is the sum of allocations to it.
  for (const a of accounts) expect(sumU64(a.votes.map((x) => x.amount)) <= a.staked).toBe(true);
  for (const c of actors) {
    const candidate = v.candidate(c.address);
    if (candidate === undefined) continue;
    const allocated = sumU64(
      accounts.flatMap((a) => a.votes.filter((x) => equalBytes(x.candidate, c.address)).map((x) => x.amount)),
    );
    expect(candidate.voteWeight).toBe(allocated);
  }
}

let INITIAL_SUPPLY = 0n;

describe('state transition properties', () => {
  it('(a) conserves supply and (c) keeps allocations within stake and weights equal to allocations', () => {
    INITIAL_SUPPLY = StateView.over(new Harness().state).totals().supply;
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 60 }), (ops) => {
        run(world(), ops, checkInvariants);
      }),
      { numRuns: 40 },
    );
  });

  it('(b) gives identical change lists and state roots when the same blocks are applied again', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 40 }), (ops) => {
        const first = world();
        const blocks = run(first, ops, () => undefined);

        // Replay from the state the first run started from (genesis plus its funding block).
        const start = world()
          .h.state.entries()
          .map(([key, value]) => ({ key, value }));
        const replay = new MemoryState();
        replay.apply(start);
        const store = new MemoryNodeStore();
        const initial = updateStateRoot(store, EMPTY_STATE_ROOT, start);
        store.put(initial.nodes);
        let root = initial.root;
        let height = roundRecord(replay).height;
        for (const b of blocks) {
          const record = roundRecord(replay);
          const result = applyBlock(
            replay,
            {
              height: record.height + 1n,
              dposRound: record.rounds[0]!.round,
              producer: b.producer,
              transactions: b.transactions,
            },
            { chainId: CHAIN_ID, verifier, scheduledProducer: b.scheduled },
          );
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          expect(result.changes).toEqual(b.changes);
          replay.apply(result.changes);
          const update = updateStateRoot(store, root, result.changes);
          store.put(update.nodes);
          root = update.root;
          height = record.height + 1n;
        }
        expect(roundRecord(replay).height).toBe(height);
        // The incremental root equals the root of the final state built from nothing.
        const fresh = updateStateRoot(
          new MemoryNodeStore(),
          EMPTY_STATE_ROOT,
          replay.entries().map(([key, value]) => ({ key, value })),
        );
        expect(fresh.root).toEqual(root);
      }),
      { numRuns: 15 },
    );
  });
});
