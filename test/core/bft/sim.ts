/**
 * A deterministic network simulator for the BFT state machine, driven by a tape of numbers (from
 * fast-check) that chooses every delivery, drop, duplicate, timeout and Byzantine message.
 */
import { createHeightState, linearTimeouts, step, verifyCommitCertificate } from '../../../shared/core/bft/index.ts';
import type { BftAction, BftEvent, HeightState } from '../../../shared/core/bft/index.ts';

export interface SimSetup {
  readonly n: number;
  /** Indexes of Byzantine validators: no state machine, they send whatever the tape says. */
  readonly byzantine: readonly number[];
  /** Rotates which validator proposes round 0. */
  readonly proposerOffset: number;
  readonly tape: readonly number[];
  readonly drops: boolean;
}

export interface SimOutcome {
  /** Honest node → committed value. */
  readonly decisions: ReadonlyMap<number, string>;
  /** Broken invariants; empty when the run was correct. */
  readonly violations: readonly string[];
  readonly maxRound: number;
}

interface Envelope {
  readonly to: number;
  readonly event: BftEvent;
}

const HEIGHT = 7;
/** Strategy per Byzantine node: 0 noise, 1 split, 2 flipping split, 3 backer, 4 echo, 5 mixed; the strongest twice. */
const STYLES = [0, 1, 2, 3, 4, 5, 3, 4];

export function simulate(setup: SimSetup): SimOutcome {
  return new Sim(setup).run();
}

class Sim {
  private readonly nodes = new Map<number, HeightState>();
  private readonly honest: number[] = [];
  private readonly inflight: Envelope[] = [];
  private readonly timers: Envelope[] = [];
  private readonly decisions = new Map<number, string>();
  private readonly violations: string[] = [];
  /** `node:kind:round` → what that honest node signed, to catch double signing. */
  private readonly signed = new Map<string, string>();
  private readonly values = new Set(['A', 'B', 'bad']);
  private pos = 0;
  private readonly styles = new Map<number, number>();
  private slow = -1;
  /** Round → the one honest node that Byzantine backers help to decide in it. */
  private readonly favourite = new Map<number, number>();

  constructor(private readonly setup: SimSetup) {
    const { n, byzantine, proposerOffset } = setup;
    for (let i = 0; i < n; i++) {
      if (byzantine.includes(i)) continue;
      this.honest.push(i);
      this.nodes.set(
        i,
        createHeightState({
          height: HEIGHT,
          validatorCount: n,
          selfIndex: i,
          proposer: (r) => (r + proposerOffset) % n,
          isValid: (v) => v !== 'bad',
          getValue: () => `v${i}`,
          timeouts: linearTimeouts(
            { propose: 300, prevote: 100, precommit: 100 },
            { propose: 50, prevote: 50, precommit: 50 },
          ),
        }),
      );
    }
  }

  run(): SimOutcome {
    // Each Byzantine node keeps one strategy for the run (a mixed one picks per message): a
    // consistent liar wastes fewer of its one-vote-per-round slots than a random one.
    for (const b of this.setup.byzantine) this.styles.set(b, STYLES[this.pick(STYLES.length)]!);
    this.slow = this.pick(this.setup.n + 1); // n or a Byzantine index: nobody is slow
    for (const i of this.honest) this.deliver({ to: i, event: { type: 'start' } });
    while (this.pos < this.setup.tape.length) this.chaosStep();
    this.drain();
    return { decisions: this.decisions, violations: this.violations, maxRound: this.maxRound() };
  }

  private pick(k: number): number {
    const v = this.setup.tape[this.pos++] ?? 0;
    return v % k;
  }

  private take<T>(list: T[]): T | undefined {
    if (list.length === 0) return undefined;
    return list.splice(this.pick(list.length), 1)[0];
  }

  /** Before GST: anything goes, in any order. */
  private chaosStep(): void {
    const op = this.pick(32);
    if (op < 16) {
      const i = this.pick(Math.max(1, this.inflight.length));
      const m = this.inflight[i];
      // Messages to the run's slow node mostly wait: it lags, times out, and misses quorums the others see.
      if (m === undefined || (m.to === this.slow && this.pick(4) > 0)) return;
      this.inflight.splice(i, 1);
      this.deliver(m);
    } else if (op === 16) {
      if (this.setup.drops) this.take(this.inflight);
    } else if (op === 17) {
      const m = this.inflight[this.pick(Math.max(1, this.inflight.length))];
      if (m) this.inflight.push(m);
    } else if (op < 20) {
      const t = this.take(this.timers);
      if (t) this.deliver(t);
    } else if (this.setup.byzantine.length > 0) {
      this.byzantineSend();
    }
  }

  /**
   * After GST: Byzantine nodes fall silent, every message arrives, timers fire only once the
   * network is quiet. Honest nodes then decide within a few rounds, or never (if honest nodes that
   * already decided are needed for a quorum), so the drain stops n + 3 rounds past GST.
   */
  private drain(): void {
    const lastRound = this.maxRound() + this.setup.n + 3;
    while (this.decisions.size < this.honest.length && this.maxRound() <= lastRound) {
      const next = this.inflight.shift() ?? this.timers.shift();
      if (next === undefined) return;
      this.deliver(next);
    }
  }

  private maxRound(): number {
    let max = 0;
    for (const s of this.nodes.values()) max = Math.max(max, s.round);
    return max;
  }

  /**
   * One message from a Byzantine validator to one honest node, delivered at once (the adversary
   * sets its own timing); equivocation comes from sending different ones to different nodes. It is
   * either noise (any round, any value, through the network) or aimed at the target's current
   * round with one of four strategies: a fixed split (A to even-ranked honest nodes, B to odd
   * ones); a split that flips every round (to pull nodes off earlier locks); backing what the
   * target has seen proposed; or echoing the target's own vote back to it. The last two let one
   * honest node reach a quorum that the others never see, then move them on.
   */
  private byzantineSend(): void {
    const { n, byzantine, proposerOffset } = this.setup;
    const rank = this.pick(this.honest.length);
    const to = this.honest[rank]!;
    const target = this.nodes.get(to)!;
    const from = byzantine[this.pick(byzantine.length)]!;
    const style = this.styles.get(from)!;
    const strategy = style < 5 ? style : this.pick(5);
    const pool = [...this.values];
    if (strategy === 0) {
      const round = this.pick(this.maxRound() + 2);
      const valueId = pool[this.pick(pool.length)]!;
      const proposer = (round + proposerOffset) % n;
      const kind = this.pick(3);
      if (kind === 0 && byzantine.includes(proposer)) {
        this.inflight.push({
          to,
          event: { type: 'proposal', round, valueId, polRound: this.pick(round + 1) - 1, from: proposer },
        });
      } else {
        const vote = this.pick(4) === 0 ? null : valueId;
        this.inflight.push({ to, event: { type: kind === 2 ? 'precommit' : 'prevote', round, valueId: vote, from } });
      }
      return;
    }
    const round = target.round;
    const log = target.rounds.get(round);
    const seen = log?.proposals ?? [];
    const split = (strategy === 1 ? rank : rank + round) % 2 === 0 ? 'A' : 'B';
    const backed = seen.length > 0 ? seen[this.pick(seen.length)]!.valueId : split;
    const valueId = strategy <= 2 ? split : backed;
    const proposer = (round + proposerOffset) % n;
    if (target.step === 'propose' && byzantine.includes(proposer)) {
      // Half the proposals claim a proof-of-lock round, real or not, to probe lines 28-29.
      const polRound = this.pick(2) === 0 ? -1 : this.pick(round + 1) - 1;
      this.deliver({ to, event: { type: 'proposal', round, valueId, polRound, from: proposer } });
      return;
    }
    const kind = target.step === 'precommit' && this.pick(2) === 0 ? 'precommit' : 'prevote';
    const own = strategy === 4 ? (kind === 'prevote' ? log?.prevotes : log?.precommits)?.get(to) : undefined;
    let vote = own === undefined ? valueId : own;
    if (strategy >= 3 && kind === 'precommit') {
      // Precommit for real to one node per round only, nil to the rest: that node decides alone, the others move on.
      const chosen = this.favourite.get(round) ?? to;
      this.favourite.set(round, chosen);
      if (chosen !== to) vote = null;
    }
    this.deliver({ to, event: { type: kind, round, valueId: vote, from } });
  }

  private deliver(m: Envelope): void {
    const before = this.nodes.get(m.to)!;
    const { state, actions } = step(before, m.event);
    this.nodes.set(m.to, state);
    for (const a of actions) this.handle(m.to, a);
  }

  private handle(node: number, a: BftAction): void {
    switch (a.type) {
      case 'broadcastProposal':
        this.values.add(a.valueId);
        this.broadcast(node, {
          type: 'proposal',
          round: a.round,
          valueId: a.valueId,
          polRound: a.polRound,
          from: node,
        });
        return;
      case 'broadcastPrevote':
      case 'broadcastPrecommit': {
        const kind = a.type === 'broadcastPrevote' ? 'prevote' : 'precommit';
        const key = `${node}:${kind}:${a.round}`;
        if (this.signed.has(key)) this.violations.push(`honest ${node} signed two ${kind}s in round ${a.round}`);
        this.signed.set(key, String(a.valueId));
        this.broadcast(node, { type: kind, round: a.round, valueId: a.valueId, from: node });
        return;
      }
      case 'scheduleTimeout': {
        const type =
          a.kind === 'propose' ? 'timeoutPropose' : a.kind === 'prevote' ? 'timeoutPrevote' : 'timeoutPrecommit';
        this.timers.push({ to: node, event: { type, round: a.round } });
        return;
      }
      case 'commit':
        if (this.decisions.has(node)) this.violations.push(`honest ${node} committed twice`);
        if (a.height !== HEIGHT) this.violations.push(`commit at the wrong height ${a.height}`);
        this.checkCertificate(node, a.round, a.valueId, a.precommits);
        this.decisions.set(node, a.valueId);
        return;
      case 'evidence':
        if (!this.setup.byzantine.includes(a.from)) this.violations.push(`evidence against honest ${a.from}`);
        return;
      case 'requestValue':
        this.violations.push('getValue was given, so no value should be requested');
        return;
    }
  }

  /** The commit's signer list must pass the independent certificate check: honest signers really precommitted that value. */
  private checkCertificate(node: number, round: number, valueId: string, signers: readonly number[]): void {
    const honestSigned = (i: number): boolean =>
      this.setup.byzantine.includes(i) || this.signed.get(`${i}:precommit:${round}`) === valueId;
    const check = verifyCommitCertificate({ height: HEIGHT, round, valueId, signers }, this.setup.n, honestSigned);
    if (!check.ok) this.violations.push(`commit by ${node} has a bad certificate: ${check.reason}`);
  }

  private broadcast(from: number, event: BftEvent): void {
    for (const to of this.honest) if (to !== from) this.inflight.push({ to, event });
  }
}
