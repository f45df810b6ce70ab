/**
 * u64 arithmetic for amounts. Amounts are bigint base units; JS numbers lose precision above
 * 2^53 and floats must never touch balances, so every sum or difference goes through here.
 */
export const MAX_U64 = (1n << 64n) - 1n;

/** Thrown by `addU64`/`subU64` when the true result does not fit in u64. */
export class U64RangeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'U64RangeError';
  }
}

export function isU64(v: unknown): v is bigint {
  return typeof v === 'bigint' && v >= 0n && v <= MAX_U64;
}

function requireU64(v: bigint, what: string): void {
  if (!isU64(v)) throw new U64RangeError(`${what} ${String(v)} is not a u64`);
}

/** a + b, or undefined if it exceeds 2^64-1. Operands must themselves be u64. */
export function tryAddU64(a: bigint, b: bigint): bigint | undefined {
  requireU64(a, 'operand');
  requireU64(b, 'operand');
  const sum = a + b;
  return sum > MAX_U64 ? undefined : sum;
}

/** a - b, or undefined if b > a. Operands must themselves be u64. */
export function trySubU64(a: bigint, b: bigint): bigint | undefined {
  requireU64(a, 'operand');
  requireU64(b, 'operand');
  return b > a ? undefined : a - b;
}

export function addU64(a: bigint, b: bigint): bigint {
  const sum = tryAddU64(a, b);
  if (sum === undefined) throw new U64RangeError(`u64 overflow: ${a} + ${b} exceeds ${MAX_U64}`);
  return sum;
}

export function subU64(a: bigint, b: bigint): bigint {
  const diff = trySubU64(a, b);
  if (diff === undefined) throw new U64RangeError(`u64 underflow: ${a} - ${b} is negative`);
  return diff;
}

/** Sum of many amounts, failing on the first overflow. */
export function sumU64(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const v of values) total = addU64(total, v);
  return total;
}
