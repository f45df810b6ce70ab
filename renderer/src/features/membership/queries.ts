import { useQuery } from '@tanstack/react-query';
import type { MethodOutput } from '../../../../shared/contract/ipc.ts';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { pollWhileUnavailable } from '../../data/queries.ts';
import { useRefreshOnHead } from '../../data/useRefreshOnHead.ts';

export type Proposal = MethodOutput<'network.proposals'>[number];
export type Members = MethodOutput<'network.members'>;

const membershipKey = ['network', 'membership'] as const;

export function useProposals() {
  const bridge = useBridge();
  return useQuery({
    queryKey: [...membershipKey, 'proposals'],
    queryFn: () => unwrap(bridge.networkProposals({})),
    refetchInterval: pollWhileUnavailable,
  });
}

export function useMembers() {
  const bridge = useBridge();
  return useQuery({
    queryKey: [...membershipKey, 'members'],
    queryFn: () => unwrap(bridge.networkMembers({})),
    refetchInterval: pollWhileUnavailable,
  });
}

/** Tallies, deadlines and the member list change with every verified block, so each new head refreshes them. */
export function useMembershipLiveUpdates(): void {
  useRefreshOnHead(membershipKey);
}

/** Fewest yes votes that pass a proposal among n members: more than 2/3 (the chain's own rule). */
export const passThreshold = (members: number): number => Math.floor((2 * members) / 3) + 1;
/** Fewest no votes that fail it: at least 1/3 against. */
export const failThreshold = (members: number): number => Math.ceil(members / 3);

/** Network parameters a proposal may change (the chain's parameter table; the renderer cannot import the core). */
export const PARAMETER_NAMES = [
  'activeProducers',
  'minProducers',
  'blockIntervalMs',
  'blocksPerTurn',
  'minVoteRatioPpm',
  'unbondingPeriodBlocks',
  'missLimit',
  'jailPeriodBlocks',
  'minFee',
  'blockReward',
  'proposalPeriodBlocks',
  'slashPpm',
  'reporterRewardPpm',
  'maxBlockTransactions',
] as const;
