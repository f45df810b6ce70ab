/** producer.overview: the proven candidate data of each owned candidate, with its recent rounds from the watch. */
import type { z } from 'zod';
import type { producerView } from '../../../shared/contract/schemas/producer.ts';
import type { LightNode } from '../light/index.ts';
import { provenCandidates } from '../network/listings.ts';
import type { RoundView } from '../network/round.ts';
import { ProducerWatch, type Owned } from './watch.ts';

export type ProducerView = z.infer<typeof producerView>;

/** When its next slot in the current round is due, if it has one still to come. */
function nextTurnAt(current: RoundView | undefined, address: string): number | undefined {
  return current?.slots.find(
    (slot) => slot.producer === address && (slot.status === 'now' || slot.status === 'upcoming'),
  )?.at;
}

/**
 * Rank and share need every candidate's weight, so all candidates are proven (the network service's
 * listing, which also reads the proven list of live candidates so no endpoint can hide one).
 */
export async function producerOverview(
  light: LightNode,
  prefix: string,
  owned: readonly Owned[],
  watch: ProducerWatch,
): Promise<ProducerView[]> {
  const accounts = new Map(owned.map((o) => [o.address, o.accountId]));
  const candidates = (await provenCandidates(light, prefix)).filter((c) => accounts.has(c.address));
  const current = watch.history().at(-1);
  return candidates.map((c) => {
    const at = nextTurnAt(current, c.address);
    const registeredInRound = watch.registeredInRound(c.address);
    return {
      address: c.address,
      accountId: accounts.get(c.address)!,
      name: c.name,
      rank: c.rank,
      voteWeight: c.voteWeight,
      share: c.share,
      status: c.status,
      inSet: c.inSet,
      ...(at === undefined ? {} : { nextTurnAt: at }),
      rounds: watch.historyOf(c.address).map((view) => ProducerWatch.tally(view, c.address)),
      ...(registeredInRound === undefined ? {} : { registeredInRound }),
      producedBlocks: c.producedBlocks,
      missedBlocks: c.missedBlocks,
      ...(c.jailedUntil === undefined ? {} : { jailedUntil: c.jailedUntil }),
    };
  });
}
