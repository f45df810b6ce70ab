import { parseTokens as parseTokenText } from '../../components/TransactionFlowAmount.ts';
import { MAX_VOTES_PER_ACCOUNT } from '../../../../shared/contract/limits.ts';

const parseTokens = (text: string): bigint | null => {
  const units = parseTokenText(text);
  return units === null ? null : BigInt(units);
};

/** The most candidates one account may vote for (the contract and the chain both refuse more). */
export const MAX_ALLOCATIONS = MAX_VOTES_PER_ACCOUNT;

export type AllocationRow = { candidate: string; name: string; text: string };

export type AllocationCheck = {
  /** Stake not given to any candidate, in base units; negative when the rows ask for more than the stake. */
  unallocated: bigint;
  /** Rows whose text is not an amount, by candidate (an empty row is not: nothing was typed yet). */
  invalid: ReadonlySet<string>;
  /** Rows still empty: no error shown, but the vote cannot be reviewed until each has an amount or is removed. */
  empty: ReadonlySet<string>;
  overStake: boolean;
  tooMany: boolean;
  ok: boolean;
};

/** Checks edited allocations against the account's stake, live as they are typed. */
export function checkAllocations(rows: readonly AllocationRow[], staked: bigint): AllocationCheck {
  const invalid = new Set<string>();
  const empty = new Set<string>();
  let total = 0n;
  for (const row of rows) {
    if (row.text.trim() === '') {
      empty.add(row.candidate);
      continue;
    }
    const units = parseTokens(row.text);
    if (units === null) invalid.add(row.candidate);
    else total += units;
  }
  const unallocated = staked - total;
  const overStake = unallocated < 0n;
  const tooMany = rows.length > MAX_ALLOCATIONS;
  return {
    unallocated,
    invalid,
    empty,
    overStake,
    tooMany,
    ok: invalid.size === 0 && empty.size === 0 && !overStake && !tooMany,
  };
}

/** The vote intent's target allocations: rows with a positive amount (a zero row withdraws that vote). */
export function targetAllocations(rows: readonly AllocationRow[]): { candidate: string; amount: string }[] {
  return rows.flatMap((row) => {
    const units = parseTokens(row.text);
    return units !== null && units > 0n ? [{ candidate: row.candidate, amount: units.toString() }] : [];
  });
}

/** The row's amount raised by all the stake no other row takes (its "Max"). */
export function maxFor(rows: readonly AllocationRow[], candidate: string, staked: bigint): string {
  const others = rows.reduce(
    (sum, row) => (row.candidate === candidate ? sum : sum + (parseTokens(row.text) ?? 0n)),
    0n,
  );
  const left = staked - others;
  return (left > 0n ? left : 0n).toString();
}

/** The whole stake split evenly over the rows, in base units; the indivisible remainder goes to the first rows. */
export function splitEvenly(count: number, staked: bigint): string[] {
  if (count === 0) return [];
  const share = staked / BigInt(count);
  const remainder = Number(staked % BigInt(count));
  return Array.from({ length: count }, (_, index) => (share + (index < remainder ? 1n : 0n)).toString());
}
