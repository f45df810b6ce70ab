import * as z from 'zod';
import { bytesToHex } from '@noble/hashes/utils.js';
import { signedTransactionCodec, transactionId, type SignedTransaction } from '../../../shared/core/types/index.ts';
import { TxRefusalCode } from '../../../shared/contract/rpc.ts';
import { NodeRpc, RefusedCliError, type TxStatus } from '../../lib/rpc.ts';
import { CliError, type Output } from '../../output.ts';

export interface WaitOptions {
  wait?: boolean;
  timeout: string;
  /** Comma-separated RPC addresses of other nodes, for --wait to re-send to. */
  fallbackRpc?: string;
}

/** Sends a signed transaction, prints its id (and with --wait, where it became final, re-sending it if it is lost). */
export async function submitSigned(
  node: NodeRpc,
  signed: SignedTransaction,
  summary: string[],
  options: WaitOptions,
  output: Output,
): Promise<void> {
  const expected = bytesToHex(transactionId(signed));
  const id = await sendTo(node, signed);
  if (id !== expected)
    throw new CliError(
      `The node at ${node.url} reported id ${id} for transaction ${expected}; it does not compute ids as this program does.`,
    );
  const status = options.wait
    ? await waitFinal(node, id, timeoutMs(options.timeout), output, {
        signed,
        fallbacks: fallbackUrls(options.fallbackRpc),
      })
    : undefined;
  output.result(
    {
      id,
      status: status?.status ?? 'pending',
      ...(status?.status === 'final' ? { height: status.height, blockHash: status.blockHash } : {}),
      ...(status?.resent ? { resent: status.resent } : {}),
      summary,
    },
    () =>
      [
        `Submitted transaction ${id}`,
        ...summary.map((l) => `  ${l}`),
        ...(status?.resent ? [`  re-sent ${status.resent} time(s) after it was lost`] : []),
        status ? describeStatus(id, status) : `Check it with: consortia tx status ${id}`,
      ].join('\n'),
  );
}

async function sendTo(node: NodeRpc, signed: SignedTransaction): Promise<string> {
  return (
    await node.call(
      'tx.submit',
      { transaction: bytesToHex(signedTransactionCodec.encode(signed)) },
      z.object({ id: z.string() }),
    )
  ).id;
}

function fallbackUrls(text: string | undefined): string[] {
  const urls = (text ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  for (const url of urls)
    if (!/^(https?|wss?):\/\//.test(url))
      throw new CliError(`--fallback-rpc: "${url}" is not an http(s):// or ws(s):// address.`);
  return urls;
}

export function timeoutMs(text: string): number {
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds < 1 || seconds > 3600)
    throw new CliError(`--timeout must be a whole number of seconds from 1 to 3600, got "${text}".`);
  return seconds * 1000;
}

/** What the submitter keeps to re-send a transaction that was lost: its signed form, and other nodes to try. */
export interface Resend {
  signed: SignedTransaction;
  fallbacks: string[];
}

/**
 * Polls tx.status until the transaction is final. Without `resend` (tx status --wait) a transaction the node no
 * longer holds and did not include was dropped, and waiting longer would not change that. With it (the submitter
 * still has the signed transaction) a transaction that vanished from the pool — the node restarted, or dropped it
 * before any peer had it — is sent again, to the same node or, when that one does not answer, to the next of
 * `fallbacks`; until it is final, refused for a reason, or past its expiry height (then nothing was spent).
 */
export async function waitFinal(
  first: NodeRpc,
  id: string,
  limitMs: number,
  output: Output,
  resend?: Resend,
): Promise<TxStatus & { resent?: number }> {
  output.progress(`Waiting for ${id.slice(0, 16)}… to be final`);
  const start = Date.now();
  const endpoints = [first.url, ...(resend?.fallbacks ?? [])];
  let at = 0;
  let node = first;
  const opened: NodeRpc[] = [];
  let unknownInARow = 0;
  let resent = 0;
  const switchNode = async (reason: string) => {
    at = (at + 1) % endpoints.length;
    node = endpoints[at] === first.url ? first : await NodeRpc.open(endpoints[at]!);
    if (node !== first) opened.push(node);
    output.progress(`${reason}; trying ${node.url}`);
  };
  try {
    for (;;) {
      if (Date.now() - start > limitMs)
        throw new CliError(
          `Transaction ${id} is not final after ${limitMs / 1000} s; it may still be included. Check with: consortia tx status ${id}`,
        );
      let status: TxStatus;
      try {
        status = await node.status(id);
      } catch (error) {
        if (!resend || endpoints.length < 2) throw error;
        await switchNode(`${node.url} did not answer (${(error as Error).message})`).catch(() => undefined);
        unknownInARow = 2; // a node we have not sent it to yet: send it there
        await sleep(250);
        continue;
      }
      if (status.status === 'final') return { ...status, ...(resent ? { resent } : {}) };
      unknownInARow = status.status === 'unknown' ? unknownInARow + 1 : 0;
      if (unknownInARow >= 2 && !resend) {
        throw new CliError(
          `Transaction ${id} is neither pending at the node nor in a block: the node dropped it because it no longer applies (insufficient funds, a used nonce, a rule of its type, or expiry), or it never reached this node. Check the account with \`consortia query account\` and build it again.`,
        );
      }
      if (unknownInARow >= 2 && resend) {
        unknownInARow = 0;
        const height = (await node.info()).height;
        if (height > resend.signed.tx.expiryHeight) {
          throw new CliError(
            `Transaction ${id} expired unincluded at height ${resend.signed.tx.expiryHeight} (the chain is at ${height}): nothing was spent. Send it again if it is still wanted.`,
          );
        }
        try {
          await sendTo(node, resend.signed);
          resent++;
          output.progress(
            `Transaction ${id.slice(0, 16)}… was no longer pending anywhere this node knows; re-sent it to ${node.url}`,
          );
        } catch (error) {
          // Included meanwhile: the next status says final. Any other refusal is final for this transaction.
          if (!(error instanceof RefusedCliError && error.refusal.code === TxRefusalCode.ALREADY_INCLUDED)) throw error;
        }
      }
      await sleep(250);
    }
  } finally {
    for (const n of opened) await n.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function describeStatus(id: string, status: TxStatus): string {
  switch (status.status) {
    case 'final':
      return `Transaction ${id} is final at height ${status.height} (block ${status.blockHash}, transaction ${status.index + 1} of ${status.count})`;
    case 'pending':
      if (status.waitingForNonce !== undefined) {
        return [
          `Transaction ${id} is pending, waiting for nonce ${status.waitingForNonce}: the sender's transaction with that nonce is in neither the chain nor this node's pool (lost, or never sent).`,
          `  It is included once a transaction with nonce ${status.waitingForNonce} from the same sender is; send one (\`--nonce ${status.waitingForNonce}\`, which is also what the next \`consortia tx\` picks).`,
          ...(status.expiryHeight !== undefined
            ? [`  Otherwise it expires after height ${status.expiryHeight}, and nothing is spent.`]
            : []),
        ].join('\n');
      }
      return `Transaction ${id} is pending in the node's pool`;
    case 'unknown':
      return `Transaction ${id} is unknown to this node: never received, dropped, or expired`;
  }
}
