/**
 * The wallet: wallet.* channels, plus build() and submitSigned() for offline signing. Builds every
 * transaction type from verified state, signs in the vault, submits through the light node's
 * endpoints and follows each transaction to final with a verified inclusion proof.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { addressFromPublicKey } from '../../../shared/core/crypto/index.ts';
import {
  signedTransactionCodec,
  transactionCodec,
  transactionId,
  type SignedTransaction,
  type Transaction,
} from '../../../shared/core/types/index.ts';
import { RefusedError, type LightNode } from '../light/index.ts';
import { type ChainIdentity, type NetworkAccess } from '../network/access.ts';
import { ServiceError, unwrap } from '../errors.ts';
import { type AreaHandlers, type EventHub } from '../registry.ts';
import type { VaultService } from '../vault/service.ts';
import { buildTransaction, checkedAddress, EXPIRY_MARGIN_BLOCKS, vaultAccount } from './build.ts';
import { historyCsv } from './csv.ts';
import { Follower } from './follow.ts';
import { HistoryReader, type HistoryEntry } from './history.ts';
import { accountView } from './account.ts';
import { WalletStore } from './store.ts';
import type { BuiltTransaction, TrackedTx, WalletService } from './types.ts';

export { EXPIRY_MARGIN_BLOCKS };

export interface WalletServiceOptions {
  dataDir: string;
  vault: VaultService;
  network: NetworkAccess;
  hub: EventHub;
}

/** How long a prepared draft may wait for the person's confirmation. */
const DRAFT_TTL_MS = 10 * 60 * 1000;
/** How often to look for a (new) light node to follow while none is running. */
const ATTACH_RETRY_MS = 2_000;
const HISTORY_PAGE = 50;

interface Draft {
  accountId: string;
  built: BuiltTransaction;
  createdAt: number;
}

export function createWalletService(options: WalletServiceOptions): WalletService {
  const { vault, network, hub } = options;
  const store = new WalletStore(join(options.dataDir, 'wallet.sqlite'));
  const follower = new Follower(store, hub);
  const drafts = new Map<string, Draft>();
  let closed = false;

  async function ready(): Promise<{ light: LightNode; chain: ChainIdentity }> {
    const light = await network.ready();
    const chain = network.chain();
    if (!chain) throw new ServiceError('UNAVAILABLE', 'The network is still starting; try again in a moment.');
    follower.attach(light);
    return { light, chain };
  }

  // Transactions submitted in an earlier session are followed as soon as the light node runs.
  const attachTimer = setInterval(() => void ready().catch(() => undefined), ATTACH_RETRY_MS);
  attachTimer.unref();
  void ready().catch(() => undefined);

  function liveDraft(draftId: string): Draft {
    const now = Date.now();
    for (const [id, draft] of drafts) if (now - draft.createdAt > DRAFT_TTL_MS) drafts.delete(id);
    const draft = drafts.get(draftId);
    if (!draft)
      throw new ServiceError(
        'NOT_FOUND',
        'This draft has expired or was already submitted; prepare the transaction again.',
      );
    return draft;
  }

  async function build(
    accountId: string,
    intent: Parameters<WalletService['build']>[1],
    fee?: bigint,
  ): Promise<BuiltTransaction> {
    return buildTransaction({ ...(await ready()), vault, store }, accountId, intent, fee);
  }

  async function submitSigned(signed: SignedTransaction): Promise<TrackedTx> {
    const { light, chain } = await ready();
    const txId = bytesToHex(transactionId(signed));
    const known = store.get(txId);
    if (known) return known.view;
    const { tx } = signed;
    const from = addressFromPublicKey(chain.addressPrefix, tx.senderPublicKey);
    const taken = store.openFrom(from).find((r) => r.nonce === tx.nonce);
    if (taken) {
      throw new ServiceError(
        'REJECTED',
        `Nonce ${tx.nonce} is already used by your ${taken.view.type} ${taken.view.txId.slice(0, 12)}… that is still on its way; prepare this transaction again.`,
      );
    }
    try {
      await light.ask('submit the transaction', 'tx.submit', {
        transaction: bytesToHex(signedTransactionCodec.encode(signed)),
      });
    } catch (error) {
      // The node's refusal goes to the page whole, as data beside the sentence (ContractError.refusal).
      if (error instanceof RefusedError)
        throw new ServiceError('REJECTED', `The network refused the ${tx.payload.type}: ${error.refusal.reason}`, {
          refusal: error.refusal,
        });
      throw error;
    }
    const view: TrackedTx = { txId, from, type: tx.payload.type, state: 'submitted', submittedAt: Date.now() };
    const record = store.track({
      view,
      nonce: tx.nonce,
      expiryHeight: tx.expiryHeight,
      signed: signedTransactionCodec.encode(signed),
    });
    hub.emit('wallet.transaction', record.view);
    follower.checkSoon();
    return record.view;
  }

  function sign(accountId: string, chain: ChainIdentity, tx: Transaction): SignedTransaction {
    const account = vaultAccount(vault, accountId);
    if (account.kind === 'watch' || account.publicKey === null) {
      throw new ServiceError(
        'VALIDATION',
        `${account.label} is a watch-only account: its key is not in this vault, so it cannot sign here. Use offline signing: export the request, sign it on the device that holds the key, and import the reply.`,
      );
    }
    const signature = unwrap(vault.vault.signTransactionBytes(accountId, chain.chainId, transactionCodec.encode(tx)));
    return { tx, signature };
  }

  async function allHistory(address: string): Promise<HistoryEntry[]> {
    const { light, chain } = await ready();
    const reader = new HistoryReader(light, chain.addressPrefix);
    const entries: HistoryEntry[] = [];
    let before: { height: number; position: number } | undefined;
    do {
      const page = await reader.page(address, 200, before);
      entries.push(...page.entries);
      before = page.next;
    } while (before);
    return entries;
  }

  const handlers: AreaHandlers<'wallet'> = {
    'wallet.account': async ({ address }) => accountView(await ready(), address),
    'wallet.prepare': async ({ accountId, intent, fee }) => {
      const built = await build(accountId, intent, fee === undefined ? undefined : BigInt(fee));
      const draftId = randomUUID();
      drafts.set(draftId, { accountId, built, createdAt: Date.now() });
      const { transaction: tx } = built;
      return {
        draftId,
        accountId,
        from: vaultAccount(vault, accountId).address,
        type: tx.payload.type,
        nonce: Number(tx.nonce),
        fee: tx.fee.toString(),
        expiryHeight: Number(tx.expiryHeight),
        summary: [...built.summary],
        verifiedAt: built.verifiedAt,
      };
    },
    'wallet.submit': async ({ draftId }) => {
      const draft = liveDraft(draftId);
      const { chain } = await ready();
      const signed = sign(draft.accountId, chain, draft.built.transaction);
      const tracked = await submitSigned(signed);
      drafts.delete(draftId);
      return tracked;
    },
    'wallet.transaction': ({ txId }) => {
      const record = store.get(txId);
      if (!record)
        throw new ServiceError(
          'NOT_FOUND',
          `This wallet does not follow transaction ${txId.slice(0, 12)}…; only transactions submitted from here are followed.`,
        );
      return record.view;
    },
    'wallet.pending': () => store.open().map((r) => r.view),
    'wallet.history': async ({ address, limit, before }) => {
      const { light, chain } = await ready();
      const reader = new HistoryReader(light, chain.addressPrefix);
      return reader.page(checkedAddress(chain.addressPrefix, address), limit ?? HISTORY_PAGE, before);
    },
    'wallet.historyCsv': async ({ address }) => {
      const chain = (await ready()).chain;
      const entries = await allHistory(checkedAddress(chain.addressPrefix, address));
      const day = new Date().toISOString().slice(0, 10);
      return { fileName: `consortia-history-${address}-${day}.csv`, csv: historyCsv(entries), rows: entries.length };
    },
    'wallet.contacts': () => store.contacts(),
    'wallet.saveContact': ({ address, label }) => {
      const prefix = network.chain()?.addressPrefix ?? vault.addressPrefix;
      return store.saveContact({ address: checkedAddress(prefix, address), label });
    },
    'wallet.removeContact': ({ address }) => {
      if (!store.removeContact(address))
        throw new ServiceError('NOT_FOUND', `${address.slice(0, 120)} is not in the address book.`);
      return store.contacts();
    },
  };

  return {
    handlers,
    build,
    submitSigned,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(attachTimer);
      drafts.clear();
      await follower.close();
      store.close();
    },
  };
}
