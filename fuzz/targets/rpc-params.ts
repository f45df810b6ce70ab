/**
 * The RPC parameter schemas (shared/contract/rpc.ts) on arbitrary JSON: the first byte picks the method,
 * the rest is the params text. Each parse must succeed or fail with issues, and what succeeds must fit
 * the chain's types (heights and rounds are u64).
 */
import { MAX_U64 } from '../../shared/core/encoding/index.ts';
import { rpcMethodNames, rpcParams } from '../../shared/contract/rpc.ts';
import { PropertyViolation } from './properties.ts';

/** Walks a parsed value; every bigint in it is a height or round, so must be a u64. */
function checkU64s(method: string, value: unknown, path: string): void {
  if (typeof value === 'bigint') {
    if (value < 0n || value > MAX_U64)
      throw new PropertyViolation(`${method}: ${path} = ${value} accepted but is not a u64`);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) checkU64s(method, inner, `${path}.${key}`);
  }
}

export function fuzz(data: Uint8Array): void {
  if (data.length === 0) return;
  const method = rpcMethodNames[data[0]! % rpcMethodNames.length]!;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data.subarray(1)).toString('utf8'));
  } catch {
    return; // not JSON: the envelope target covers that path
  }
  const parsed = rpcParams[method].safeParse(json);
  if (!parsed.success) {
    if (parsed.error.issues.length === 0) throw new PropertyViolation(`${method}: refused without an issue`);
    return;
  }
  checkU64s(method, parsed.data, 'params');
}
