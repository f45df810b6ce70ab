import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MethodOutput } from '../../../../shared/contract/ipc.ts';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { pollWhileUnavailable } from '../../data/queries.ts';
import { useRefreshOnHead } from '../../data/useRefreshOnHead.ts';

export type Candidate = MethodOutput<'network.candidates'>[number];
export const candidatesKey = ['network', 'candidates'] as const;

/** The proven candidate list, re-read on every head. */
export function useCandidates() {
  const bridge = useBridge();
  useRefreshOnHead(candidatesKey);
  return useQuery({
    queryKey: candidatesKey,
    queryFn: () => unwrap(bridge.networkCandidates({})),
    placeholderData: keepPreviousData,
    refetchInterval: pollWhileUnavailable,
  });
}

export type SortColumn =
  'rank' | 'name' | 'voteWeight' | 'share' | 'producedBlocks' | 'missedBlocks' | 'status' | 'inSet';
export type Sort = { column: SortColumn; direction: 'ascending' | 'descending' };
export type Filters = { search: string; status: Candidate['status'] | 'all'; inSet: 'all' | 'in' | 'out' };

const compareBig = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);
// Unranked candidates (jailed, resigned) sort after every ranked one.
const rankOf = (candidate: Candidate) => candidate.rank ?? Number.MAX_SAFE_INTEGER;

const comparators: Record<SortColumn, (a: Candidate, b: Candidate) => number> = {
  rank: (a, b) => rankOf(a) - rankOf(b),
  name: (a, b) => a.name.localeCompare(b.name),
  voteWeight: (a, b) => compareBig(a.voteWeight, b.voteWeight),
  share: (a, b) => a.share - b.share,
  producedBlocks: (a, b) => compareBig(a.producedBlocks, b.producedBlocks),
  missedBlocks: (a, b) => compareBig(a.missedBlocks, b.missedBlocks),
  status: (a, b) => a.status.localeCompare(b.status),
  inSet: (a, b) => Number(a.inSet) - Number(b.inSet),
};

/** The candidates matching the search and filters, in the chosen order (ties by address, so rows never swap on a refresh). */
export function visibleCandidates(candidates: readonly Candidate[], filters: Filters, sort: Sort): Candidate[] {
  const needle = filters.search.trim().toLowerCase();
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return candidates
    .filter(
      (candidate) =>
        !needle || candidate.name.toLowerCase().includes(needle) || candidate.address.toLowerCase().includes(needle),
    )
    .filter((candidate) => filters.status === 'all' || candidate.status === filters.status)
    .filter((candidate) => filters.inSet === 'all' || candidate.inSet === (filters.inSet === 'in'))
    .sort((a, b) => sign * comparators[sort.column](a, b) || a.address.localeCompare(b.address));
}

/** A share 0..1 as a percentage for the locale. */
export const formatShare = (share: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(share);
