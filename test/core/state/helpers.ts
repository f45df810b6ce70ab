// Fixtures for the state tests: a small devnet, fast signing, and a harness that applies
// transactions and blocks to an in-memory state the way a node would.
import { Buffer } from 'node:buffer';
import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { expect } from 'vitest';
import { addressBytes, publicKeyFromSecret, signingDigest, SigningDomain } from '../../../shared/core/crypto/index.ts';
import { devnetGenesis, genesisState, type Devnet, type DevnetOptions } from '../../../shared/core/genesis/index.ts';
import {
  applyBlock,
  applyTransaction,
  REFUSAL_CODES,
  MemoryState,
  StateView,
  type BlockResult,
  type StateReader,
  type TxContext,
  type TxResult,
} from '../../../shared/core/state/index.ts';
import {
  transactionCodec,
  type Address,
  type ChainParameters,
  type Payload,
  type SignedTransaction,
  type Transaction,
} from '../../../shared/core/types/index.ts';
import { createOpensslVerifier } from '../../../shared/node/ed25519-openssl.ts';

export const CHAIN_ID = 'consortia-test';
export const verifier = createOpensslVerifier();
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** RFC 8032 signing through OpenSSL (deterministic, so equal to the pure-JS signature, and ~40× faster). */
export function fastSign(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, secretKey]), format: 'der', type: 'pkcs8' });
  return new Uint8Array(nodeSign(null, message, key));
}

export function signIn(
  domain: SigningDomain,
  bytes: Uint8Array,
  secretKey: Uint8Array,
  chainId = CHAIN_ID,
): Uint8Array {
  return fastSign(secretKey, signingDigest(domain, chainId, bytes));
}

export interface Signer {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  address: Address;
}

export function signerOf(secretKey: Uint8Array): Signer {
  const publicKey = publicKeyFromSecret(secretKey);
  return { secretKey, publicKey, address: addressBytes(publicKey) };
}

/** A fresh key not in the genesis (an outsider). */
export function outsider(n: number): Signer {
  return signerOf(new Uint8Array(32).fill(200 + n));
}

export function signTx(
  signer: Signer,
  fields: Omit<Transaction, 'senderPublicKey'>,
  chainId = CHAIN_ID,
): SignedTransaction {
  const tx: Transaction = { senderPublicKey: signer.publicKey, ...fields };
  return { tx, signature: signIn(SigningDomain.TRANSACTION, transactionCodec.encode(tx), signer.secretKey, chainId) };
}

export const SEED = new TextEncoder().encode('state tests');

/** Devnet with 4 producers and 2 extra members unless told otherwise; small params for tests. */
export function testDevnet(options: Partial<DevnetOptions> = {}): Devnet {
  return devnetGenesis({ producers: 4, seed: SEED, chainId: CHAIN_ID, ...options });
}

/** Applies transactions and blocks to an in-memory state, as a node would, and keeps the height. */
export class Harness {
  readonly state = new MemoryState();
  readonly devnet: Devnet;
  readonly producers: Signer[];
  readonly members: Signer[];
  height = 1n;

  constructor(options: Partial<DevnetOptions> = {}) {
    this.devnet = testDevnet(options);
    this.state.apply(genesisState(this.devnet.doc).changes);
    this.producers = this.devnet.producerKeys.map((k) => signerOf(k.accountSecretKey));
    this.members = this.devnet.memberKeys.map((k) => signerOf(k.accountSecretKey));
  }

  get params(): ChainParameters {
    return StateView.over(this.state).params();
  }

  view(): StateView {
    return StateView.over(this.state);
  }

  ctx(over: Partial<TxContext> = {}): TxContext {
    return { chainId: CHAIN_ID, height: this.height, verifier, params: this.params, ...over };
  }

  /** A signed transaction with the sender's next nonce, the minimum fee and a far expiry. */
  tx(
    signer: Signer,
    payload: Payload,
    over: Partial<Omit<Transaction, 'payload' | 'senderPublicKey'>> = {},
  ): SignedTransaction {
    const nonce = this.view().account(signer.address).nonce;
    return signTx(signer, { nonce, fee: this.params.minFee, expiryHeight: this.height + 100n, payload, ...over });
  }

  /** Applies one transaction at the current height and commits it if accepted. */
  apply(signed: SignedTransaction, ctx: Partial<TxContext> = {}): TxResult {
    const view = this.view();
    const result = applyTransaction(view, signed, this.ctx(ctx));
    this.state.apply(view.changes());
    return result;
  }

  /** Applies and expects acceptance, failing the test with the reason otherwise. */
  accept(signer: Signer, payload: Payload): void {
    const result = this.apply(this.tx(signer, payload));
    expect(result.ok ? 'accepted' : result.reason).toBe('accepted');
  }

  /** Expects a rejection whose reason matches, and that the state did not change at all. */
  reject(signed: SignedTransaction, reason: string | RegExp, ctx: Partial<TxContext> = {}): void {
    const view = this.view();
    const result = applyTransaction(view, signed, this.ctx(ctx));
    expect(result.ok ? 'accepted' : result.reason).toMatch(reason);
    // Every refusal carries a machine code from the one collected list, beside its reason.
    if (!result.ok) expect(REFUSAL_CODES).toContain(result.code);
    expect(view.changes()).toEqual([]);
  }

  /** Applies a block at the next height (fees to `producer`), committing it when accepted. */
  block(
    transactions: SignedTransaction[],
    producer: Address,
    scheduled: Address = producer,
    reader: StateReader = this.state,
  ): BlockResult {
    const view = StateView.over(reader);
    const record = view.rounds();
    const result = applyBlock(
      reader,
      { height: record.height + 1n, dposRound: record.rounds[0]!.round, producer, transactions },
      { chainId: CHAIN_ID, verifier, scheduledProducer: scheduled },
    );
    if (result.ok && reader === this.state) {
      this.state.apply(result.changes);
      this.height = record.height + 2n;
    }
    return result;
  }
}
