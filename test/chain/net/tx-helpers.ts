import { expect } from 'vitest';
import { bytesToHex } from '@noble/hashes/utils.js';
import { addressBytes, publicKeyFromSecret, SigningDomain, signDomain } from '../../../shared/core/crypto/index.ts';
import {
  signedTransactionCodec,
  transactionCodec,
  transactionId,
  type Payload,
  type SignedTransaction,
} from '../../../shared/core/types/index.ts';
import { applyTransaction, currentParams, StateView, type TxResult } from '../../../shared/core/state/index.ts';
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

/**
 * Signs a transaction for the node's chain: by default with the account's next nonce past what the node pools from it,
 * a fee of 1000 and an expiry 100 blocks ahead.
 */
export function sign(
  node: ConsortiaNode,
  secretKey: Uint8Array,
  payload: Payload,
  options: { fee?: bigint; expiryHeight?: bigint } = {},
): SignedTransaction {
  const senderPublicKey = publicKeyFromSecret(secretKey);
  const nonce = node.chain.accountNonce(addressBytes(senderPublicKey)) + BigInt(pendingFrom(node, senderPublicKey));
  const fee = options.fee ?? 1000n;
  const tx = { senderPublicKey, nonce, fee, expiryHeight: options.expiryHeight ?? node.chain.height() + 100n, payload };
  const signature = signDomain(SigningDomain.TRANSACTION, node.chain.chainId, transactionCodec.encode(tx), secretKey);
  return { tx, signature };
}

/** What the state rules say about the transaction in the next block (a dry run on a throw-away view). */
export function dryRun(node: ConsortiaNode, signed: SignedTransaction): TxResult {
  const { chain } = node;
  const ctx = {
    chainId: chain.chainId,
    height: chain.height() + 1n,
    verifier: chain.verifier,
    params: currentParams(chain.reader),
    addressPrefix: chain.genesis.addressPrefix,
  };
  return applyTransaction(StateView.over(chain.reader), signed, ctx);
}

/** Signs a transaction (see `sign`) and submits it over RPC. */
export async function submit(
  node: ConsortiaNode,
  secretKey: Uint8Array,
  payload: Payload,
  options: { fee?: bigint } = {},
): Promise<string> {
  const signed = sign(node, secretKey, payload, options);
  const { id } = await rpc(node, 'tx.submit', { transaction: bytesToHex(signedTransactionCodec.encode(signed)) });
  expect(id).toBe(bytesToHex(transactionId(signed)));
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
