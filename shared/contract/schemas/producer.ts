import * as z from 'zod';
import { amount, height } from './common.ts';
import { candidateStatus } from './network.ts';

export const alertKind = z.enum(['missed', 'droppedOut', 'jailed', 'behind', 'recovered']);

export const producerAlert = z.object({
  id: z.string(),
  kind: alertKind,
  address: z.string(),
  name: z.string(),
  message: z.string(),
  at: z.number().int(),
  round: height.optional(),
  height: height.optional(),
});

export const producerView = z.object({
  address: z.string(),
  /** The vault account that owns it. */
  accountId: z.string(),
  name: z.string(),
  rank: z.number().int().positive().nullable(),
  voteWeight: amount,
  share: z.number().min(0).max(1),
  status: candidateStatus,
  inSet: z.boolean(),
  /** Estimated epoch ms of its next turn, when it is in the current round's schedule. */
  nextTurnAt: z.number().int().optional(),
  /**
   * Recent verified rounds, oldest first (up to 12, read from the chain when the console starts), only
   * those since it registered.
   */
  rounds: z.array(
    z.object({ round: height, produced: z.number().int().nonnegative(), missed: z.number().int().nonnegative() }),
  ),
  /** The round it registered in, when that is one of the recent rounds (before it, it had no rounds). */
  registeredInRound: height.optional(),
  producedBlocks: amount,
  missedBlocks: amount,
  jailedUntil: height.optional(),
});

export const producerMethods = {
  'producer.overview': { input: z.object({}).strict(), output: z.array(producerView) },
  'producer.alerts': {
    input: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: z.array(producerAlert),
  },
  /**
   * Asks a candidate's registered endpoint for chain.info from the main process (the page cannot reach
   * other origins): whether it answers, for which chain and at which height. `problem` is a code the page
   * words in the person's language.
   */
  'producer.checkEndpoint': {
    input: z.object({ url: z.string().min(1).max(200) }).strict(),
    output: z.object({
      reachable: z.boolean(),
      chainId: z.string().optional(),
      height: height.optional(),
      /** True when it serves the chain this app follows. */
      sameChain: z.boolean().optional(),
      problem: z.enum(['badUrl', 'timeout', 'unreachable', 'notANode']).optional(),
    }),
  },
} as const;

export const producerEvents = {
  'producer.alert': producerAlert,
} as const;
