/** How a module gives the state transition the rule of each of its transaction kinds. */
import type { RuleInput } from '../state/context.ts';
import type { StateView } from '../state/view.ts';
import type { Refusal } from './refusal.ts';

export interface KindRule<P, Code extends string = string> {
  /** Units the payload moves out of the balance besides the fee (checked with the fee up front); 0 if absent. */
  spend?(payload: P): bigint;
  /** Makes the payload's changes on `view` (a child the caller merges only on success), or refuses. */
  apply(view: StateView, payload: P, input: RuleInput): Refusal<Code> | undefined;
}

/** One rule per payload type of a module. */
export type KindRules<P extends { type: string }, Code extends string = string> = {
  [T in P['type']]: KindRule<Extract<P, { type: T }>, Code>;
};
