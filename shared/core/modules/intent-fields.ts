/**
 * The value shapes an intent is written in, as zod schemas: what the wallet's page sends over IPC is
 * checked with them (../../contract re-exports them for its other channels). Only the modules'
 * `intent-schema.ts` files and the contract import this; the protocol's own code never does.
 */
import * as z from 'zod';
import { utf8Bytes } from '../encoding/utf8.ts';

/** Base units as decimal digits: a u64 does not fit a JS number, and JSON carries no bigint. */
export const amount = z.string().regex(/^(0|[1-9]\d{0,19})$/, 'an amount in base units, written as digits');
export const address = z.string().trim().min(1, 'an address is required').max(120);
export const hashHex = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex characters');
export const id = z.string().min(1).max(128);

/** Text the chain limits in UTF-8 bytes (a module's limit from its limits.ts). */
export const bytesAtMost = (max: number) =>
  z.string().refine((text) => utf8Bytes(text) <= max, `at most ${max} bytes (UTF-8; some letters take two or more)`);
