import * as z from 'zod';
import { hashHex } from '../../core/modules/intent-fields.ts';

/**
 * Value shapes shared by the channels. Amounts are base units as decimal strings (u64 does not fit a
 * JS number, and JSON carries no bigint); heights and rounds stay below 2^53 for millennia, so they
 * are plain numbers. The shapes a person's intent is written in (amount, address, hash, id) are the
 * modules' own, defined once in shared/core/modules/intent-fields.ts.
 */
export { address, amount, hashHex, id } from '../../core/modules/intent-fields.ts';
export const height = z.number().int().nonnegative();
export const hex = z.string().regex(/^[0-9a-f]*$/, 'lowercase hex');
export const label = z.string().trim().max(64);
export const password = z.string().min(1, 'enter the password').max(1024);

/** Where a value was proven: the verified final header whose state (or transaction) root it matched. */
export const verifiedAt = z.object({ height, blockHash: hashHex });

/** A plain-words line of a transaction summary, shown before signing. */
export const summaryLine = z.object({ label: z.string(), value: z.string() });
