/**
 * Follows the verified chain for the candidates the vault's accounts own, and turns what it sees into
 * alerts. Everything here is verified: slots come from the network service's verified round view (the
 * schedule from the proven round record and seed, each past slot from a verified header), statuses
 * from candidate proofs.
 *
 * Alerts are raised only for what happens after the watch starts (the verified head once the light
 * node's first sync is done is the baseline), so opening the app does not replay old misses as news.
 */
import { parseAddress } from '../../../shared/core/crypto/index.ts';
import { candidateKey } from '../../../shared/core/state/index.ts';
import { candidateCodec, type CandidateStatus } from '../../../shared/core/types/index.ts';
import type { LightNode } from '../light/index.ts';
import { verifiedRound, type RoundView } from '../network/round.ts';
import { advanceRound } from './advance.ts';
import type { ProducerAlert } from './alerts.ts';

/** Rounds of history kept for the console (the contract asks for at least 10). */
export const HISTORY_ROUNDS = 12;
/** Whole turns missed in a row after which the producer's node is reported as fallen behind. */
export const BEHIND_TURNS = 2;

export interface Owned {
  address: string;
  accountId: string;
}

export type NewAlert = Omit<ProducerAlert, 'id' | 'at'> & { key: string };

interface Streak {
  /** Own slots missed since its last produced one (seen by this watch, or proven when the watch started). */
  missedSlots: number;
  /** It was jailed when the watch started, so it is down even without misses seen here. */
  jailed: boolean;
  missedTurns: number;
  behindReported: boolean;
}

const slotsDone = (view: RoundView) => view.slots.filter((s) => s.status === 'produced' || s.status === 'missed');
const scheduled = (view: RoundView) => new Set(view.slots.map((s) => s.producer));

export class ProducerWatch {
  /** Recent rounds by number; a finished round is kept as loaded, the current one is read again on each refresh. */
  private readonly rounds = new Map<number, RoundView>();
  /** Alerts are raised for slots above this height (null until the first refresh). */
  private baseline: number | null = null;
  /** The newest round whose start was checked for producers leaving the set. */
  private setCheckedRound: number | null = null;
  private readonly statuses = new Map<string, CandidateStatus>();
  private readonly names = new Map<string, string>();
  private readonly streaks = new Map<string, Streak>();
  /** Accounts proven not to be candidates, with the round when that was read. */
  private readonly notCandidates = new Map<string, bigint>();
  /**
   * Per owned candidate, the round it registered in when that is one of the rounds kept (proven: it is
   * absent from the state at the end of the round before), or null when it was a candidate before them.
   */
  private readonly registeredIn = new Map<string, number | null>();

  constructor(
    private readonly raise: (alert: NewAlert) => void,
    /** The block interval, for the expected times of slots still to come. */
    private readonly intervalMs: () => number,
  ) {}

  /** Recent rounds, oldest first. */
  history(): RoundView[] {
    return [...this.rounds.keys()].sort((a, b) => a - b).map((round) => this.rounds.get(round)!);
  }

  /** The rounds kept that `address` was a candidate in (from its registration on), oldest first. */
  historyOf(address: string): RoundView[] {
    const since = this.registeredIn.get(address);
    return this.history().filter((view) => since === undefined || since === null || view.round >= since);
  }

  /** The round `address` registered in, when that is one of the rounds kept. */
  registeredInRound(address: string): number | undefined {
    const round = this.registeredIn.get(address);
    const oldest = this.history()[0]?.round;
    return round === null || round === undefined || oldest === undefined || round < oldest ? undefined : round;
  }

  /** The owned candidates seen in the last refresh, with their proven names. */
  candidates(): [address: string, name: string][] {
    return [...this.names.entries()];
  }

  /** Reads what changed since the last refresh and raises the alerts it implies. */
  async refresh(light: LightNode, prefix: string, owned: readonly Owned[]): Promise<void> {
    const jailings: NewAlert[] = [];
    const candidates = await this.readCandidates(light, owned, jailings);
    try {
      await this.loadRounds(light, prefix);
      await this.findRegistrations(light, prefix, candidates);
      const views = this.history();
      const newest = views.at(-1);
      if (newest === undefined) return;
      if (this.baseline === null) {
        if (light.status().syncing) return; // the first sync replays history: the baseline is where it ends
        this.baseline = newest.verifiedHeight;
        this.setCheckedRound = newest.round;
        return;
      }
      const mine = new Set(candidates);
      this.checkSlots(views, mine);
      this.checkSetChanges(views, mine);
    } finally {
      for (const alert of jailings) this.raise(alert); // after the missed slots that led to it, and even if the rounds failed to load
    }
  }

  /** Proven candidate records of the owned accounts; collects a 'jailed' alert when a proven status turns to jailed. */
  private async readCandidates(light: LightNode, owned: readonly Owned[], jailings: NewAlert[]): Promise<string[]> {
    const found: string[] = [];
    this.names.clear();
    const round = light.verifiedHead().round;
    for (const { address } of owned) {
      if (this.notCandidates.get(address) === round) continue; // an account registers rarely: asked again next round
      const proven = await light.candidate(address);
      const candidate = proven.value;
      if (!candidate) {
        this.notCandidates.set(address, round);
        continue;
      }
      this.notCandidates.delete(address);
      found.push(address);
      this.names.set(address, candidate.name);
      const before = this.statuses.get(address);
      this.statuses.set(address, candidate.status);
      // Down already when first seen (say after a restart of the app): its proven record says so, and producing again is news.
      if (before === undefined && (candidate.consecutiveMisses > 0 || candidate.status === 'jailed')) {
        this.streaks.set(address, {
          missedSlots: candidate.consecutiveMisses,
          jailed: candidate.status === 'jailed',
          missedTurns: 0,
          behindReported: false,
        });
      }
      if (candidate.status === 'jailed' && before !== undefined && before !== 'jailed') {
        const until = candidate.jailedUntil!;
        jailings.push({
          key: `jailed:${address}:${until}`,
          kind: 'jailed',
          address,
          name: candidate.name,
          message: `${candidate.name} was jailed for missing too many of its turns in a row; it can send candidate.unjail from block ${until}.`,
          height: Number(proven.height),
        });
      }
    }
    return found;
  }

  private async loadRounds(light: LightNode, prefix: string): Promise<void> {
    const head = Number(light.verifiedHead().round);
    const oldest = Math.max(Number(light.trustRoot().round), head - HISTORY_ROUNDS + 1);
    for (let round = oldest; round <= head; round++) {
      const known = this.rounds.get(round);
      if (known && known.verifiedHeight >= known.lastHeight) continue; // finished when loaded: it cannot change
      this.rounds.set(
        round,
        known
          ? await advanceRound(light, prefix, known, this.intervalMs)
          : await verifiedRound(light, prefix, BigInt(round)),
      );
    }
    for (const round of this.rounds.keys()) if (round < oldest) this.rounds.delete(round);
  }

  /**
   * For each candidate not placed yet, whether it registered within the rounds kept: a binary search over
   * them with proven reads of its record at each round's last verified block (a record is never removed).
   */
  private async findRegistrations(light: LightNode, prefix: string, candidates: readonly string[]): Promise<void> {
    const views = this.history();
    if (views.length === 0) return;
    for (const address of candidates) {
      if (this.registeredIn.has(address)) continue;
      const parsed = parseAddress(prefix, address);
      if (!parsed.ok) continue;
      const existedAt = async (view: RoundView) =>
        (
          await light.recordAt(
            candidateKey(parsed.value),
            candidateCodec,
            BigInt(Math.min(view.lastHeight, view.verifiedHeight)),
          )
        ).value !== null;
      if (await existedAt(views[0]!)) {
        this.registeredIn.set(address, null);
        continue;
      }
      // Absent at the end of views[lo]; present by the end of views[hi] (it is a candidate now).
      let [lo, hi] = [0, views.length - 1];
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (await existedAt(views[mid]!)) hi = mid;
        else lo = mid;
      }
      this.registeredIn.set(address, views[hi]!.round);
    }
  }

  /** 'missed' per own slot that passed without its block, 'behind' after consecutive missed turns, 'recovered' when it produces again. */
  private checkSlots(views: readonly RoundView[], mine: ReadonlySet<string>): void {
    let newest = this.baseline!;
    for (const view of views) {
      view.slots.forEach((slot, index) => {
        if (
          slot.height <= this.baseline! ||
          !mine.has(slot.producer) ||
          (slot.status !== 'produced' && slot.status !== 'missed')
        )
          return;
        newest = Math.max(newest, slot.height);
        const streak = this.streaks.get(slot.producer) ?? {
          missedSlots: 0,
          jailed: false,
          missedTurns: 0,
          behindReported: false,
        };
        this.streaks.set(slot.producer, streak);
        const name = this.names.get(slot.producer) ?? slot.name;
        const where = { address: slot.producer, name, round: view.round, height: slot.height };
        if (slot.status === 'produced') {
          if (streak.missedSlots > 0 || streak.jailed) {
            const after = streak.missedSlots > 0 ? `missing ${streak.missedSlots} of its slots` : 'being jailed';
            this.raise({
              key: `recovered:${slot.producer}:${slot.height}`,
              kind: 'recovered',
              ...where,
              message: `${name} produced block ${slot.height} again after ${after}.`,
            });
          }
          this.streaks.delete(slot.producer);
          return;
        }
        streak.missedSlots++;
        if (index === 0 || view.slots[index - 1]!.producer !== slot.producer) streak.missedTurns++;
        this.raise({
          key: `missed:${slot.producer}:${slot.height}`,
          kind: 'missed',
          ...where,
          message: `${name} missed its slot at block ${slot.height} (round ${view.round}): another producer made that block.`,
        });
        if (streak.missedTurns >= BEHIND_TURNS && !streak.behindReported) {
          streak.behindReported = true;
          this.raise({
            key: `behind:${slot.producer}:${slot.height}`,
            kind: 'behind',
            ...where,
            message: `${name} has missed ${streak.missedTurns} turns in a row while the other producers kept the chain moving: its node has stopped or fallen behind.`,
          });
        }
      });
    }
    this.baseline = newest;
  }

  /** 'droppedOut' when a round starts without an owned candidate that the round before it scheduled. */
  private checkSetChanges(views: readonly RoundView[], mine: ReadonlySet<string>): void {
    for (let i = 1; i < views.length; i++) {
      const [before, after] = [views[i - 1]!, views[i]!];
      if (after.round <= this.setCheckedRound! || after.round !== before.round + 1) continue;
      const stays = scheduled(after);
      for (const address of scheduled(before)) {
        if (!mine.has(address) || stays.has(address)) continue;
        const name = this.names.get(address) ?? address;
        this.raise({
          key: `droppedOut:${address}:${after.round}`,
          kind: 'droppedOut',
          address,
          name,
          round: after.round,
          height: after.firstHeight,
          message: `${name} is no longer in the producer set from round ${after.round} on (${this.statuses.get(address) === 'active' ? 'outvoted in the election' : `its status is ${this.statuses.get(address) ?? 'unknown'}`}).`,
        });
      }
      this.setCheckedRound = after.round;
    }
  }

  /** Produced and missed slots of `address` in one round. */
  static tally(view: RoundView, address: string): { round: number; produced: number; missed: number } {
    const own = slotsDone(view).filter((s) => s.producer === address);
    return {
      round: view.round,
      produced: own.filter((s) => s.status === 'produced').length,
      missed: own.filter((s) => s.status === 'missed').length,
    };
  }
}
