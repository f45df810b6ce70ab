import * as z from 'zod';

/**
 * Value shapes shared by the channels. Amounts are base units as decimal strings (u64 does not fit a
 * JS number, and JSON carries no bigint); heights and rounds stay below 2^53 for millennia, so they
 * are plain numbers.
 */
export const amount = z.string().regex(/^(0|[1-9]\d{0,19})$/, 'an amount in base units, written as digits');
export const address = z.string().trim().min(1, 'an address is required').max(120);
export const height = z.number().int().nonnegative();
export const hashHex = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex characters');
export const hex = z.string().regex(/^[0-9a-f]*$/, 'lowercase hex');
export const label = z.string().trim().max(64);
export const password = z.string().min(1, 'enter the password').max(1024);
export const id = z.string().min(1).max(128);

/** Where a value was proven: the verified final header whose state (or transaction) root it matched. */
export const verifiedAt = z.object({ height, blockHash: hashHex });

/** A plain-words line of a transaction summary, shown before signing. */
export const summaryLine = z.object({ label: z.string(), value: z.string() });
