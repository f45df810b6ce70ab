import type { KindSummaries } from '../summary.ts';
import type { StakingPayload } from './payloads.ts';

export const stakingSummaries: KindSummaries<StakingPayload> = {
  stake: (p, show) => [`Stake ${show.amount(p.amount)} (moves it from the balance into the stake pool)`],
  unstake: (p, show) => [`Unstake ${show.amount(p.amount)} (starts unbonding; withdraw it once released)`],
  withdraw: () => ['Withdraw all released unbonding stake back to the balance'],
  vote: (p, show) =>
    p.changes.map((c) =>
      c.increase
        ? `Vote: allocate ${show.amount(c.amount)} of stake to candidate ${show.address(c.candidate)}`
        : `Vote: take back ${show.amount(c.amount)} of stake from candidate ${show.address(c.candidate)}`,
    ),
};
