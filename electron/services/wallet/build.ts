/**
 * Builds unsigned transactions from verified state: nonce from the proven account plus this wallet's
 * own transactions still on their way, fee from the parameters in force, expiry from the verified
 * height, and the whole thing tried against proven state by the protocol's transition rules.
 */
import { hexToBytes } from '@noble/hashes/utils.js';
import { addressFromPublicKey, parseAddress, SIGNATURE_LENGTH } from '../../../shared/core/crypto/index.ts';
import { DEFAULT_DISPLAY, describeAmount, summarise } from '../../../shared/core/offline/index.ts';
import { payloadCodec, signedTransactionCodec, type Transaction } from '../../../shared/core/types/index.ts';
import { EncodeError } from '../../../shared/core/encoding/index.ts';
import type { ChainIdentity } from '../network/access.ts';
import type { LightNode } from '../light/index.ts';
import { ServiceError, unwrap } from '../errors.ts';
import type { VaultService } from '../vault/service.ts';
import { HistoryReader } from './history.ts';
import { payloadOf } from './intents.ts';
import { currentParameters, wouldApply } from './state.ts';
import type { WalletStore } from './store.ts';
import type { BuiltTransaction, Intent } from './types.ts';

/**
 * Blocks after the verified height a transaction stays valid: ten minutes at one-second blocks, long
 * enough to review it or carry it to an offline signer and back, short enough that one which never
 * got in lapses soon and its nonce is free again.
 */
export const EXPIRY_MARGIN_BLOCKS = 600n;

export interface BuildDeps {
  light: LightNode;
  chain: ChainIdentity;
  vault: VaultService;
  store: WalletStore;
}

type SummaryLine = BuiltTransaction['summary'][number];

/** The core's plain-words lines, labelled for the review step. */
export function summaryLines(tx: Transaction, chain: ChainIdentity): SummaryLine[] {
  const lines = summarise(tx, { ...DEFAULT_DISPLAY, prefix: chain.addressPrefix });
  const [from = '', ...rest] = lines;
  const nonce = rest.pop() ?? '';
  const fee = rest.pop() ?? '';
  return [
    { label: 'Network', value: chain.chainId },
    { label: 'From', value: from.replace(/^From /, '') },
    ...rest.map((value) => ({ label: 'Action', value })),
    { label: 'Fee', value: fee.replace(/^Fee: /, '') },
    { label: 'Nonce and expiry', value: nonce },
  ];
}

export function vaultAccount(vault: VaultService, accountId: string) {
  const account = vault.rawStatus().accounts.find((a) => a.id === accountId);
  if (!account) throw new ServiceError('NOT_FOUND', 'There is no such account in the vault; it may have been removed.');
  return account;
}

export async function buildTransaction(
  deps: BuildDeps,
  accountId: string,
  intent: Intent,
  fee?: bigint,
): Promise<BuiltTransaction> {
  const { light, chain, vault, store } = deps;
  const prefix = chain.addressPrefix;
  const account = vaultAccount(vault, accountId);
  const senderPublicKey = account.publicKey
    ? hexToBytes(account.publicKey)
    : await new HistoryReader(light, prefix).senderKey(account.address);
  if (!senderPublicKey || addressFromPublicKey(prefix, senderPublicKey) !== account.address) {
    throw new ServiceError(
      'VALIDATION',
      `The watch-only address ${account.address} has not sent a transaction yet, so its public key is not known here. Add it again with its public key (shown by the offline signer next to the address), or make its first transaction on the device that holds its key.`,
    );
  }

  // All read together: the pooled nonce must not widen the gap between the proven account and the state checks below.
  const [params, proven, pooledNext] = await Promise.all([
    currentParameters(light, chain.genesis),
    light.account(account.address),
    pooledNextNonce(light, account.address),
  ]);
  const minFee = params.minFee;
  const chosenFee = fee ?? minFee;
  if (chosenFee < minFee) {
    throw new ServiceError(
      'VALIDATION',
      `The fee ${describeAmount(chosenFee)} is below the network minimum of ${describeAmount(minFee)}; raise it to at least the minimum.`,
    );
  }
  const verifiedNonce = proven.value?.nonce ?? 0n;
  const earlier = store
    .openFrom(account.address)
    .filter((r) => r.nonce >= verifiedNonce)
    .sort((a, b) => (a.nonce < b.nonce ? -1 : 1))
    .map((r) => signedTransactionCodec.decodeOrThrow(r.signed));
  const payload = payloadOf(intent, {
    prefix,
    account: proven.value,
    consensusKey: (keyId) => {
      const key = unwrap(vault.vault.listConsensusKeys()).find((k) => k.id === keyId);
      if (!key) throw new ServiceError('NOT_FOUND', 'There is no such consensus key in the vault.');
      return hexToBytes(key.publicKey);
    },
  });
  // The codec holds the field rules (name characters, memo and endpoint length, …): its refusal is the person's to fix.
  try {
    payloadCodec.encode(payload);
  } catch (error) {
    if (error instanceof EncodeError)
      throw new ServiceError('VALIDATION', `This ${payload.type} cannot be sent as it is: ${error.message}.`);
    throw error;
  }
  const ownNext = verifiedNonce + BigInt(earlier.length);
  const tx: Transaction = {
    senderPublicKey,
    nonce:
      pooledNext !== undefined && pooledNext > ownNext && pooledNext - ownNext <= MAX_POOLED_PER_SENDER
        ? pooledNext
        : ownNext,
    fee: chosenFee,
    expiryHeight: proven.height + EXPIRY_MARGIN_BLOCKS,
    payload,
  };
  // The rules are checked as for the wallet's own next nonce: transactions of this account pooled elsewhere (sent
  // by another program) are not known here in full, only counted.
  const unsigned = { tx: { ...tx, nonce: ownNext }, signature: new Uint8Array(SIGNATURE_LENGTH) };
  const refusal = await wouldApply(
    light,
    { chainId: chain.chainId, addressPrefix: prefix, params, height: proven.height + 1n },
    earlier,
    unsigned,
  );
  // The chain's own code and reason, as a refusal from the node would carry them (the page words it by code).
  if (refusal !== undefined)
    throw new ServiceError('REJECTED', `The network would refuse this ${payload.type}: ${refusal.reason}.`, {
      refusal,
    });
  return {
    transaction: tx,
    summary: summaryLines(tx, chain),
    verifiedAt: { height: Number(proven.height), blockHash: proven.blockHash },
  };
}

/** A node never has more than this many transactions of one sender pooled (chain/mempool's per-sender limit). */
const MAX_POOLED_PER_SENDER = 64n;

/**
 * The nonce after this account's transactions pending at the node. Used when beyond the wallet's own count (another
 * program sent some); unverified, so only believed within the pool's per-sender limit. Undefined when the node
 * cannot say.
 */
async function pooledNextNonce(light: LightNode, address: string): Promise<bigint | undefined> {
  try {
    const answer = (await light.ask('read the pending nonce', 'account.nextNonce', { address })) as {
      nextNonce?: unknown;
    };
    return typeof answer?.nextNonce === 'string' && /^\d{1,20}$/.test(answer.nextNonce)
      ? BigInt(answer.nextNonce)
      : undefined;
  } catch {
    return undefined;
  }
}

/** An address typed by the person, checked before anything is read for it. */
export function checkedAddress(prefix: string, text: string): string {
  const parsed = parseAddress(prefix, text);
  if (!parsed.ok)
    throw new ServiceError('VALIDATION', `${text.slice(0, 120)} is not an address on this network: ${parsed.reason}.`);
  return text;
}
