import { z } from 'zod';
import { bytesToHex } from '@noble/hashes/utils.js';
import { signedTransactionCodec, transactionId, type SignedTransaction } from '../../../shared/core/types/index.ts';
import type { NodeRpc, TxStatus } from '../../lib/rpc.ts';
import { CliError, type Output } from '../../output.ts';

export interface WaitOptions {
  wait?: boolean;
  timeout: string;
}

/** Sends a signed transaction, prints its id (and with --wait, where it became final). */
export async function submitSigned(node: NodeRpc, signed: SignedTransaction, summary: string[], options: WaitOptions, output: Output): Promise<void> {
  const expected = bytesToHex(transactionId(signed));
  const { id } = await node.call('tx.submit', { transaction: bytesToHex(signedTransactionCodec.encode(signed)) }, z.object({ id: z.string() }));
  if (id !== expected) throw new CliError(`The node at ${node.url} reported id ${id} for transaction ${expected}; it does not compute ids as this program does.`);
  const status = options.wait ? await waitFinal(node, id, timeoutMs(options.timeout), output) : undefined;
  output.result({ id, status: status?.status ?? 'pending', ...(status?.status === 'final' ? { height: status.height, blockHash: status.blockHash } : {}), summary }, () =>
    [`Submitted transaction ${id}`, ...summary.map((l) => `  ${l}`), status ? describeStatus(id, status) : `Check it with: consortia tx status ${id}`].join('\n'),
  );
}

export function timeoutMs(text: string): number {
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds < 1 || seconds > 3600) throw new CliError(`--timeout must be a whole number of seconds from 1 to 3600, got "${text}".`);
  return seconds * 1000;
}

/**
 * Polls tx.status until the transaction is final. A transaction the node no longer holds and did not
 * include was dropped (it stopped applying, or expired); waiting longer would not change that.
 */
export async function waitFinal(node: NodeRpc, id: string, limitMs: number, output: Output): Promise<TxStatus> {
  output.progress(`Waiting for ${id.slice(0, 16)}… to be final`);
  const start = Date.now();
  let unknownInARow = 0;
  for (;;) {
    const status = await node.status(id);
    if (status.status === 'final') return status;
    unknownInARow = status.status === 'unknown' ? unknownInARow + 1 : 0;
    if (unknownInARow >= 2) {
      throw new CliError(`Transaction ${id} is neither pending at the node nor in a block: the node dropped it because it no longer applies (insufficient funds, a used nonce, a rule of its type, or expiry), or it never reached this node. Check the account with \`consortia query account\` and build it again.`);
    }
    if (Date.now() - start > limitMs) throw new CliError(`Transaction ${id} is not final after ${limitMs / 1000} s; it may still be included. Check with: consortia tx status ${id}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function describeStatus(id: string, status: TxStatus): string {
  switch (status.status) {
    case 'final':
      return `Transaction ${id} is final at height ${status.height} (block ${status.blockHash}, transaction ${status.index + 1} of ${status.count})`;
    case 'pending':
      return `Transaction ${id} is pending in the node's pool`;
    case 'unknown':
      return `Transaction ${id} is unknown to this node: never received, dropped, or expired`;
  }
}
