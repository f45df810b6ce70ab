/** How much each kind of misbehaviour costs a peer. A ban comes at the node's banScore (−100 by default). */
export const PENALTIES = {
  /** The handler judged the data invalid. */
  reject: 20,
  /** Larger than the topic allows, or than the WebSocket limit. */
  oversize: 50,
  /** Not a frame of this protocol. */
  malformed: 50,
  unknownTopic: 20,
  /** One frame over the rate limit; floods add up fast. */
  rateLimited: 2,
} as const;
export type Offence = keyof typeof PENALTIES;

export interface ScoreboardOptions {
  banScore: number;
  banDurationMs: number;
  recoveryPerSecond: number;
  now?: () => number;
}

interface Score {
  value: number;
  at: number;
}

/**
 * Peer scores (0 is clean, negative is bad) and bans, keyed by an offender id (the node uses
 * `<key>@<address>`, see connection.ts) so that reconnecting does not wipe a record. Scores recover linearly towards 0, computed when read, so no timers are needed.
 */
export class Scoreboard {
  private readonly scores = new Map<string, Score>();
  private readonly bans = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly options: ScoreboardOptions) {
    this.now = options.now ?? Date.now;
  }

  score(id: string): number {
    const entry = this.scores.get(id);
    if (!entry) return 0;
    const recovered = ((this.now() - entry.at) / 1000) * this.options.recoveryPerSecond;
    return Math.min(0, entry.value + recovered);
  }

  /** Lowers the score; `banned` is true when this penalty caused a ban. */
  penalize(id: string, offence: Offence): { score: number; banned: boolean } {
    if (this.isBanned(id)) return { score: this.score(id), banned: false };
    const value = this.score(id) - PENALTIES[offence];
    if (value > this.options.banScore) {
      this.scores.set(id, { value, at: this.now() });
      return { score: value, banned: false };
    }
    this.scores.delete(id);
    this.bans.set(id, this.now() + this.options.banDurationMs);
    return { score: value, banned: true };
  }

  /** Milliseconds left on the peer's ban, 0 when it is not banned. */
  banRemainingMs(id: string): number {
    const until = this.bans.get(id);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left > 0) return left;
    this.bans.delete(id);
    return 0;
  }

  /** The longest ban left among ids starting with `prefix` (a key's bans from every address). */
  banRemainingMsOf(prefix: string): number {
    let longest = 0;
    for (const id of [...this.bans.keys()])
      if (id.startsWith(prefix)) longest = Math.max(longest, this.banRemainingMs(id));
    return longest;
  }

  isBanned(id: string): boolean {
    return this.banRemainingMs(id) > 0;
  }

  bannedUntil(id: string): number | undefined {
    return this.isBanned(id) ? this.bans.get(id) : undefined;
  }

  /** Drops the record of a departed peer that has fully recovered, keeping the map to misbehaving ones. */
  prune(id: string): void {
    if (this.score(id) === 0) this.scores.delete(id);
  }
}
