import { expect } from 'vitest';
import { bytesToHex } from '@noble/hashes/utils.js';
import { addressBytes, publicKeyFromSecret, SigningDomain, signDomain } from '../../../shared/core/crypto/index.ts';
import {
  signedTransactionCodec,
  transactionCodec,
  transactionId,
  type Payload,
} from '../../../shared/core/types/index.ts';
import type { ConsortiaNode } from '../../../chain/node.ts';
import { waitFor } from './devnet-helpers.ts';

/** Calls a node's JSON-RPC over HTTP, as a wallet would. */
export async function rpc(node: ConsortiaNode, method: string, params: object = {}): Promise<any> {
  const res = await fetch(node.rpc.url, {
    method: 'POST',
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/** Signs a transaction for the node's chain with the account's next nonce, and submits it over RPC. */
export async function submit(
  node: ConsortiaNode,
  secretKey: Uint8Array,
  payload: Payload,
  options: { fee?: bigint } = {},
): Promise<string> {
  const senderPublicKey = publicKeyFromSecret(secretKey);
  const nonce = node.chain.accountNonce(addressBytes(senderPublicKey)) + BigInt(pendingFrom(node, senderPublicKey));
  const tx = { senderPublicKey, nonce, fee: options.fee ?? 1000n, expiryHeight: node.chain.height() + 100n, payload };
  const signature = signDomain(SigningDomain.TRANSACTION, node.chain.chainId, transactionCodec.encode(tx), secretKey);
  const bytes = signedTransactionCodec.encode({ tx, signature });
  const { id } = await rpc(node, 'tx.submit', { transaction: bytesToHex(bytes) });
  expect(id).toBe(bytesToHex(transactionId({ tx, signature })));
  return id;
}

function pendingFrom(node: ConsortiaNode, publicKey: Uint8Array): number {
  const sender = bytesToHex(addressBytes(publicKey));
  return node.mempool.entries().filter((e) => e.sender === sender).length;
}

/** Waits until the transaction is final, and returns its status (height, inclusion proof). */
export async function final(node: ConsortiaNode, id: string, timeoutMs = 30_000): Promise<any> {
  let status: any;
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    status = await rpc(node, 'tx.status', { id });
    if (status.status === 'final') return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`transaction ${id} not final after ${timeoutMs} ms (last status ${status?.status})`);
}

export { waitFor };
