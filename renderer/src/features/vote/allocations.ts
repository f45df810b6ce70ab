import { parseTokens as parseTokenText } from '../../components/TransactionFlowAmount.ts';

const parseTokens = (text: string): bigint | null => {
  const units = parseTokenText(text);
  return units === null ? null : BigInt(units);
};

/** The most candidates one account may vote for (the contract and the chain both refuse more). */
export const MAX_ALLOCATIONS = 10;

export type AllocationRow = { candidate: string; name: string; text: string };

export type AllocationCheck = {
  /** Stake not given to any candidate, in base units; negative when the rows ask for more than the stake. */
  unallocated: bigint;
  /** Rows whose text is not an amount, by candidate. */
  invalid: ReadonlySet<string>;
  overStake: boolean;
  tooMany: boolean;
  ok: boolean;
};

/** Checks edited allocations against the account's stake, live as they are typed. */
export function checkAllocations(rows: readonly AllocationRow[], staked: bigint): AllocationCheck {
  const invalid = new Set<string>();
  let total = 0n;
  for (const row of rows) {
    const units = parseTokens(row.text);
    if (units === null) invalid.add(row.candidate);
    else total += units;
  }
  const unallocated = staked - total;
  const overStake = unallocated < 0n;
  const tooMany = rows.length > MAX_ALLOCATIONS;
  return { unallocated, invalid, overStake, tooMany, ok: invalid.size === 0 && !overStake && !tooMany };
}

/** The vote intent's target allocations: rows with a positive amount (a zero row withdraws that vote). */
export function targetAllocations(rows: readonly AllocationRow[]): { candidate: string; amount: string }[] {
  return rows.flatMap((row) => {
    const units = parseTokens(row.text);
    return units !== null && units > 0n ? [{ candidate: row.candidate, amount: units.toString() }] : [];
  });
}
