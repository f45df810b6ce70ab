// Load for the benchmarks: many funded senders, transfers signed ahead of time with OpenSSL (the same
// deterministic RFC 8032 signatures as signDomain, about 20× faster to make), and a devnet genesis that funds them.
import { Buffer } from 'node:buffer';
import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { addressBytes, SigningDomain, signingDigest } from '../../shared/core/crypto/index.ts';
import { devnetGenesis, DEVNET_BALANCE, type Devnet, type DevnetOptions } from '../../shared/core/genesis/index.ts';
import {
  signedTransactionCodec,
  transactionCodec,
  transactionId,
  type Address,
  type SignedTransaction,
} from '../../shared/core/types/index.ts';

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface Sender {
  publicKey: Uint8Array;
  address: Address;
  privateKey: KeyObject;
  /** The next nonce this load will use. */
  nonce: bigint;
}

/** `count` senders with keys derived from `label` (the same label gives the same keys). */
export function makeSenders(count: number, label: string): Sender[] {
  return Array.from({ length: count }, (_, i) => {
    const seed = createHash('sha256').update(`${label}/${i}`).digest();
    const privateKey = createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
      format: 'der',
      type: 'pkcs8',
    });
    const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    const publicKey = new Uint8Array(spki.subarray(spki.length - 32));
    return { publicKey, address: addressBytes(publicKey), privateKey, nonce: 0n };
  });
}

/** A devnet whose genesis also funds every sender (plain accounts: not members, no stake). */
export function fundedDevnet(options: DevnetOptions, senders: readonly Sender[]): Devnet {
  const devnet = devnetGenesis(options);
  const accounts = [
    ...devnet.doc.accounts,
    ...senders.map((s) => ({ address: s.address, balance: DEVNET_BALANCE, staked: 0n, votes: [] })),
  ];
  return { ...devnet, doc: { ...devnet.doc, accounts } };
}

/** A transfer of 1 unit from `sender` (its next nonce) to `to`, signed for `chainId`. */
export function signedTransfer(
  chainId: string,
  sender: Sender,
  to: Address,
  options: { fee?: bigint; expiryHeight?: bigint } = {},
): SignedTransaction {
  const tx = {
    senderPublicKey: sender.publicKey,
    nonce: sender.nonce++,
    fee: options.fee ?? 1000n,
    expiryHeight: options.expiryHeight ?? 1_000_000n,
    payload: { type: 'transfer' as const, to, amount: 1n, memo: '' },
  };
  const digest = signingDigest(SigningDomain.TRANSACTION, chainId, transactionCodec.encode(tx));
  return { tx, signature: new Uint8Array(sign(null, digest, sender.privateKey)) };
}

export interface PreparedTransfer {
  signed: SignedTransaction;
  hex: string;
  idHex: string;
}

/** Hex encoding (as tx.submit takes it) and id of a signed transaction. */
export function prepared(signed: SignedTransaction): PreparedTransfer {
  return {
    signed,
    hex: Buffer.from(signedTransactionCodec.encode(signed)).toString('hex'),
    idHex: Buffer.from(transactionId(signed)).toString('hex'),
  };
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
