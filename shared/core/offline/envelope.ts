/**
 * The offline-signing envelope (DESIGN §4): an online machine writes a request holding the unsigned
 * transaction; an offline machine shows it in plain words, signs, and writes a reply; the online
 * machine checks the reply answers that request before broadcasting it. The summary inside a
 * request is for the eye only: whoever reads a request recomputes it from the transaction bytes.
 */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { isValidChainId, SigningDomain, signDomain, verifyDomain, type Checked } from '../crypto/index.ts';
import { EncodeError, equalBytes } from '../encoding/index.ts';
import { isValidAddressPrefix } from '../genesis/index.ts';
import {
  signedTransactionCodec,
  transactionCodec,
  transactionId,
  type SignedTransaction,
  type Transaction,
} from '../types/index.ts';
import type { AmountDisplay } from './amount.ts';
import { exactObject, hexField, MAX_TRANSACTION_HEX, parseJson, ShapeError, stringField } from './json.ts';
import { summarise } from './summary.ts';

export const ENVELOPE_VERSION = 1;

export interface OfflineEnvelope {
  version: typeof ENVELOPE_VERSION;
  chainId: string;
  /** Not in DESIGN §4's list, but the signer needs it to show addresses the way the sender knows them. */
  addressPrefix: string;
  /** 16 random bytes as hex: ties a reply to its request. */
  requestId: string;
  /** transactionCodec encoding of the unsigned transaction, hex. */
  transaction: string;
  /** Plain-words lines, as written by the builder (untrusted by readers). */
  summary: string[];
  /** ISO 8601 time the request was made. */
  createdAt?: string;
}

export interface OfflineReply {
  version: typeof ENVELOPE_VERSION;
  chainId: string;
  requestId: string;
  /** signedTransactionCodec encoding, hex: what `tx.submit` takes. */
  signedTransaction: string;
}

/** A request as read by someone about to sign it. */
export interface OpenedEnvelope {
  envelope: OfflineEnvelope;
  tx: Transaction;
  /** Recomputed from the transaction bytes: the lines to show. */
  summary: string[];
  /** Whether the file's own summary says exactly the same (false: altered, or other decimals/symbol). */
  summaryMatches: boolean;
}

export interface CheckedReply {
  reply: OfflineReply;
  signed: SignedTransaction;
  /** Transaction id, hex. */
  id: string;
}

const REQUEST_ID = /^[0-9a-f]{32}$/;
const MAX_SUMMARY_LINES = 64;
const MAX_LINE_CHARS = 1000;

const attempt = <T>(fn: () => T): Checked<T> => {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (error instanceof ShapeError || error instanceof RangeError || error instanceof EncodeError)
      return { ok: false, reason: (error as Error).message };
    throw error;
  }
};

export interface EnvelopeInput {
  chainId: string;
  addressPrefix: string;
  requestId: string;
  tx: Transaction;
  createdAt?: string;
}

export function buildEnvelope(input: EnvelopeInput, display: AmountDisplay): Checked<OfflineEnvelope> {
  return attempt(() => {
    checkNetwork(input.chainId, input.addressPrefix);
    if (!REQUEST_ID.test(input.requestId))
      throw new ShapeError('the request id must be 16 random bytes as 32 lowercase hex digits');
    const transaction = bytesToHex(transactionCodec.encode(input.tx));
    const summary = summarise(input.tx, { ...display, prefix: input.addressPrefix, chainId: input.chainId });
    return {
      version: ENVELOPE_VERSION,
      chainId: input.chainId,
      addressPrefix: input.addressPrefix,
      requestId: input.requestId,
      transaction,
      summary,
      ...(input.createdAt ? { createdAt: input.createdAt } : {}),
    };
  });
}

export function parseEnvelope(text: string, display: AmountDisplay): Checked<OpenedEnvelope> {
  return attempt(() => {
    const json = parseJson(text, 'signing request');
    if (json && typeof json === 'object' && 'signedTransaction' in json)
      throw new ShapeError('this is a signed reply, not a signing request');
    const record = exactObject(
      json,
      'signing request',
      ['version', 'chainId', 'addressPrefix', 'requestId', 'transaction', 'summary'],
      ['createdAt'],
    );
    checkVersion(record);
    const chainId = record.chainId as string;
    const addressPrefix = record.addressPrefix as string;
    checkNetwork(chainId, addressPrefix);
    const requestId = stringField(record, 'requestId', REQUEST_ID, 'must be 32 lowercase hex digits');
    const transaction = hexField(record, 'transaction', MAX_TRANSACTION_HEX);
    const decoded = transactionCodec.decode(hexToBytes(transaction));
    if (!decoded.ok)
      throw new ShapeError(
        `the transaction is not validly encoded: ${decoded.error.reason} (at byte ${decoded.error.offset})`,
      );
    const written = record.summary;
    if (
      !Array.isArray(written) ||
      written.length > MAX_SUMMARY_LINES ||
      written.some((l) => typeof l !== 'string' || l.length > MAX_LINE_CHARS)
    ) {
      throw new ShapeError(`"summary" must be a list of at most ${MAX_SUMMARY_LINES} lines of text`);
    }
    const createdAt = record.createdAt;
    if (
      createdAt !== undefined &&
      (typeof createdAt !== 'string' || createdAt.length > 40 || Number.isNaN(Date.parse(createdAt)))
    ) {
      throw new ShapeError('"createdAt" must be an ISO 8601 time');
    }
    const summary = summarise(decoded.value, { ...display, prefix: addressPrefix, chainId });
    const envelope: OfflineEnvelope = {
      version: ENVELOPE_VERSION,
      chainId,
      addressPrefix,
      requestId,
      transaction,
      summary: written as string[],
      ...(createdAt ? { createdAt } : {}),
    };
    return {
      envelope,
      tx: decoded.value,
      summary,
      summaryMatches: written.length === summary.length && written.every((l, i) => l === summary[i]),
    };
  });
}

/** The reply for a request, with a signature made elsewhere (e.g. by a hardware key); it must verify. */
export function buildReply(opened: OpenedEnvelope, signature: Uint8Array): Checked<OfflineReply> {
  const { tx, envelope } = opened;
  if (
    !verifyDomain(
      SigningDomain.TRANSACTION,
      envelope.chainId,
      transactionCodec.encode(tx),
      signature,
      tx.senderPublicKey,
    )
  ) {
    return {
      ok: false,
      reason: `the signature does not verify for this transaction's sender on network "${envelope.chainId}"`,
    };
  }
  const signedTransaction = bytesToHex(signedTransactionCodec.encode({ tx, signature }));
  return {
    ok: true,
    value: { version: ENVELOPE_VERSION, chainId: envelope.chainId, requestId: envelope.requestId, signedTransaction },
  };
}

/** Signs a request with the sender's secret key; refuses a key that is not the sender's. */
export function signEnvelope(
  opened: OpenedEnvelope,
  secretKey: Uint8Array,
  publicKey: Uint8Array,
): Checked<OfflineReply> {
  if (!equalBytes(publicKey, opened.tx.senderPublicKey))
    return { ok: false, reason: "this key is not the key of the transaction's sender" };
  return buildReply(
    opened,
    signDomain(SigningDomain.TRANSACTION, opened.envelope.chainId, transactionCodec.encode(opened.tx), secretKey),
  );
}

/**
 * Reads a reply and checks its signature. With the request it answers, also checks that it is
 * the reply to that request: same request id, same network, exactly the requested transaction.
 */
export function parseReply(text: string, envelope?: OfflineEnvelope): Checked<CheckedReply> {
  return attempt(() => {
    const json = parseJson(text, 'signed reply');
    if (json && typeof json === 'object' && 'summary' in json)
      throw new ShapeError('this is an unsigned signing request, not a signed reply');
    const record = exactObject(json, 'signed reply', ['version', 'chainId', 'requestId', 'signedTransaction']);
    checkVersion(record);
    const chainId = record.chainId as string;
    if (!isValidChainId(chainId)) throw new ShapeError('"chainId" must be 1-64 printable ASCII characters');
    const requestId = stringField(record, 'requestId', REQUEST_ID, 'must be 32 lowercase hex digits');
    const signedTransaction = hexField(record, 'signedTransaction', MAX_TRANSACTION_HEX + 128);
    const decoded = signedTransactionCodec.decode(hexToBytes(signedTransaction));
    if (!decoded.ok)
      throw new ShapeError(
        `the signed transaction is not validly encoded: ${decoded.error.reason} (at byte ${decoded.error.offset})`,
      );
    const { tx, signature } = decoded.value;
    const txBytes = transactionCodec.encode(tx);
    if (envelope) {
      if (requestId !== envelope.requestId)
        throw new ShapeError(`this reply answers request ${requestId}, not request ${envelope.requestId}`);
      if (chainId !== envelope.chainId)
        throw new ShapeError(`this reply is for network "${chainId}", but the request was for "${envelope.chainId}"`);
      if (bytesToHex(txBytes) !== envelope.transaction)
        throw new ShapeError('the signed transaction is not the transaction that was requested');
    }
    if (!verifyDomain(SigningDomain.TRANSACTION, chainId, txBytes, signature, tx.senderPublicKey)) {
      throw new ShapeError(`the signature does not verify for the sender of this transaction on network "${chainId}"`);
    }
    const reply: OfflineReply = { version: ENVELOPE_VERSION, chainId, requestId, signedTransaction };
    return { reply, signed: decoded.value, id: bytesToHex(transactionId(decoded.value)) };
  });
}

function checkVersion(record: Record<string, unknown>): void {
  if (record.version !== ENVELOPE_VERSION)
    throw new ShapeError(
      `version ${JSON.stringify(record.version)} is not supported (this program reads version ${ENVELOPE_VERSION})`,
    );
}

function checkNetwork(chainId: unknown, prefix: unknown): void {
  if (typeof chainId !== 'string' || !isValidChainId(chainId))
    throw new ShapeError('"chainId" must be 1-64 printable ASCII characters');
  if (typeof prefix !== 'string' || !isValidAddressPrefix(prefix))
    throw new ShapeError('"addressPrefix" must be 1-16 lowercase letters or digits, starting with a letter');
}
