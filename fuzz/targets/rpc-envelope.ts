/**
 * JSON-RPC 2.0 request parsing (chain/rpc/jsonrpc.ts) with the real parameter schemas. The handlers stand in
 * for the node (a fake at the boundary: the target is parsing, not chain queries) and answer with a JSON-safe
 * summary of what they were given. Every text must get a well-formed JSON-RPC answer (or none, for
 * notifications), and only the envelope's own codes: a handler never fails here, so INTERNAL_ERROR means the
 * dispatcher or a schema let something through that the handler could not take.
 */
import { method, RpcDispatcher, RpcErrorCode, type RpcMethod } from '../../chain/rpc/jsonrpc.ts';
import { rpcParams } from '../../shared/contract/rpc.ts';
import type { z } from 'zod';
import { PropertyViolation } from './properties.ts';

const jsonSafe = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));

const methods: Record<string, RpcMethod<z.ZodType>> = Object.fromEntries(
  Object.entries(rpcParams).map(([name, schema]) => [
    name,
    method(schema as z.ZodType, (params) => ({ name, params: jsonSafe(params) })),
  ]),
);
const dispatcher = new RpcDispatcher(methods);
const session = { subscribe: () => 'sub-1', unsubscribe: () => true };
const allowedCodes = new Set<number>([
  RpcErrorCode.PARSE_ERROR,
  RpcErrorCode.INVALID_REQUEST,
  RpcErrorCode.METHOD_NOT_FOUND,
  RpcErrorCode.INVALID_PARAMS,
  RpcErrorCode.TOO_LARGE,
]);

function checkResponse(text: string, response: unknown): void {
  const r = response as {
    jsonrpc?: unknown;
    id?: unknown;
    result?: unknown;
    error?: { code?: unknown; message?: unknown };
  };
  if (r === null || typeof r !== 'object' || r.jsonrpc !== '2.0')
    throw new PropertyViolation(`not a JSON-RPC response to ${text}`);
  if (!(r.id === null || typeof r.id === 'string' || typeof r.id === 'number'))
    throw new PropertyViolation(`bad id in the answer to ${text}`);
  if ('error' in r) {
    if (typeof r.error?.message !== 'string' || !allowedCodes.has(r.error.code as number)) {
      throw new PropertyViolation(`unexpected error ${JSON.stringify(r.error)} for ${text}`);
    }
  } else if (!('result' in r)) {
    throw new PropertyViolation(`neither result nor error for ${text}`);
  }
}

export async function fuzz(data: Uint8Array): Promise<void> {
  const text = Buffer.from(data).toString('utf8');
  const answer = await dispatcher.handleText(text, session);
  if (answer === null) return;
  const parsed: unknown = JSON.parse(answer);
  for (const response of Array.isArray(parsed) ? parsed : [parsed]) checkResponse(text, response);
}
