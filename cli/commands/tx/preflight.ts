import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { preflightTransaction, signaturesCheckedElsewhere } from '../../../shared/core/state/index.ts';
import type { Account, Transaction } from '../../../shared/core/types/index.ts';
import type { NodeRpc } from '../../lib/rpc.ts';

const NO_SIGNATURE = new Uint8Array(64);

/**
 * Checks a transaction with the chain's own rules (shared/core/state `preflightTransaction`, as the
 * wallet does) over the state the node holds at `height`, before it is sent. The node admits a
 * transaction on signature, fee and nonce alone and finds out whether the rules accept it only
 * when building a block, where it drops it without telling anyone; this gives the reason now.
 *
 * The sender's transactions already pending at the node are not known here, so a draft whose
 * nonce comes after them is checked as the account's next transaction (a nonce already used is
 * still refused). Returns the chain's reason it cannot apply, or undefined.
 */
export async function preflight(
  node: NodeRpc,
  account: Account,
  tx: Transaction,
  at: { chainId: string; addressPrefix: string; height: bigint },
): Promise<string | undefined> {
  const draft = { tx: tx.nonce > account.nonce ? { ...tx, nonce: account.nonce } : tx, signature: NO_SIGNATURE };
  const result = await preflightTransaction(
    async (key) => {
      const { value } = await node.raw('state.record', { key: bytesToHex(key), height: String(at.height) });
      return value === null ? undefined : hexToBytes(value);
    },
    { ...at, height: at.height + 1n, verifier: signaturesCheckedElsewhere },
    [],
    draft,
  );
  return result.ok ? undefined : result.reason;
}
