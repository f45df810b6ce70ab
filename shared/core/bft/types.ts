/**
 * Types of the single-height Tendermint state machine. Values are identified by an opaque id: the
 * block hash as lower-case hex. The machine never sees block bodies or signatures; the caller
 * verifies signatures and block availability before feeding an event in, and routes events by height.
 * Validators are identified by their index 0..N-1 in the active set.
 */
export type ValueId = string;
export type Step = 'propose' | 'prevote' | 'precommit';
export type VoteKind = 'prevote' | 'precommit';
export type TimeoutKind = 'propose' | 'prevote' | 'precommit';

export interface RoundTimeouts {
  readonly propose: number;
  readonly prevote: number;
  readonly precommit: number;
}

export interface HeightConfig {
  readonly height: number;
  /** N, the active set's size; every validator has one vote. */
  readonly validatorCount: number;
  /** This node's index in the set, or null for an observer that never votes. */
  readonly selfIndex: number | null;
  /** Proposer of a round (DPoS: the next producer in the schedule after each timed-out round). */
  readonly proposer: (round: number) => number;
  readonly isValid: (valueId: ValueId) => boolean;
  /** Value to propose when self is the proposer; absent or null means: wait for a `propose` event. */
  readonly getValue?: (round: number) => ValueId | null;
  /** Timeout lengths in ms for a round; they should grow with the round so that rounds eventually fit. */
  readonly timeouts: (round: number) => RoundTimeouts;
  /**
   * Rounds past the current one whose messages are all kept (default DEFAULT_ROUNDS_AHEAD). Beyond them only
   * each validator's highest round is kept, which is what the round skip needs.
   */
  readonly roundsAhead?: number;
}

export type BftEvent =
  | { readonly type: 'start' }
  | { readonly type: 'propose'; readonly round: number; readonly valueId: ValueId }
  | {
      readonly type: 'proposal';
      readonly round: number;
      readonly valueId: ValueId;
      readonly polRound: number;
      readonly from: number;
    }
  | { readonly type: 'prevote'; readonly round: number; readonly valueId: ValueId | null; readonly from: number }
  | { readonly type: 'precommit'; readonly round: number; readonly valueId: ValueId | null; readonly from: number }
  | { readonly type: 'timeoutPropose'; readonly round: number }
  | { readonly type: 'timeoutPrevote'; readonly round: number }
  | { readonly type: 'timeoutPrecommit'; readonly round: number };

/** One of the two signed messages that make up equivocation evidence. */
export interface SignedContent {
  readonly valueId: ValueId | null;
  /** Only for proposals. */
  readonly polRound?: number;
}

export type BftAction =
  | {
      readonly type: 'broadcastProposal';
      readonly height: number;
      readonly round: number;
      readonly valueId: ValueId;
      readonly polRound: number;
    }
  | {
      readonly type: 'broadcastPrevote';
      readonly height: number;
      readonly round: number;
      readonly valueId: ValueId | null;
    }
  | {
      readonly type: 'broadcastPrecommit';
      readonly height: number;
      readonly round: number;
      readonly valueId: ValueId | null;
    }
  /** Self proposes this round but `getValue` gave nothing: answer with a `propose` event. */
  | { readonly type: 'requestValue'; readonly height: number; readonly round: number }
  | {
      readonly type: 'scheduleTimeout';
      readonly kind: TimeoutKind;
      readonly height: number;
      readonly round: number;
      readonly ms: number;
    }
  | {
      readonly type: 'commit';
      readonly height: number;
      readonly round: number;
      readonly valueId: ValueId;
      readonly precommits: readonly number[];
    }
  | {
      readonly type: 'evidence';
      readonly kind: 'proposal' | VoteKind;
      readonly height: number;
      readonly round: number;
      readonly from: number;
      readonly first: SignedContent;
      readonly second: SignedContent;
    };

export interface ProposalRecord {
  readonly valueId: ValueId;
  readonly polRound: number;
  /** isValid(valueId), evaluated once on receipt. */
  readonly valid: boolean;
}

/** Messages received for one round. Only the first vote of each validator per kind is kept. */
export interface RoundLog {
  /** Proposals from the round's proposer; more than one only if it equivocated. */
  readonly proposals: readonly ProposalRecord[];
  readonly prevotes: ReadonlyMap<number, ValueId | null>;
  readonly precommits: ReadonlyMap<number, ValueId | null>;
}

export interface HeightState {
  readonly config: HeightConfig;
  readonly started: boolean;
  readonly round: number;
  readonly step: Step;
  readonly lockedValue: ValueId | null;
  readonly lockedRound: number;
  readonly validValue: ValueId | null;
  readonly validRound: number;
  readonly decision: { readonly valueId: ValueId; readonly round: number } | null;
  readonly rounds: ReadonlyMap<number, RoundLog>;
  /** Highest round each validator has been heard from (any message kept), for the round skip. */
  readonly latestRound: ReadonlyMap<number, number>;
  /** `kind:round:from` keys already reported as equivocation, so evidence is emitted once. */
  readonly reported: ReadonlySet<string>;
  /** "For the first time" flags of lines 34, 36 and 47, for the current round. */
  readonly prevoteTimeoutScheduled: boolean;
  readonly validUpdated: boolean;
  readonly precommitTimeoutScheduled: boolean;
  /** Self proposes this round and waits for a `propose` event. */
  readonly awaitingValue: boolean;
}

export interface StepResult {
  readonly state: HeightState;
  readonly actions: readonly BftAction[];
}
