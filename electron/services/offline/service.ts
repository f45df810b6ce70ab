/**
 * Offline signing (DESIGN §1, §4). The online wallet builds a request for an account whose key is
 * elsewhere and shows it as a file and animated QR frames; the offline signer (`--offline`: vault
 * only, no network) scans it, shows what it really does, signs in the vault and shows the reply the
 * same way; the online wallet scans the reply, checks it answers its request, and broadcasts it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { bytesToHex } from '@noble/hashes/utils.js';
import {
  buildEnvelope,
  buildReply,
  DEFAULT_DISPLAY,
  parseReply,
  type OfflineEnvelope,
} from '../../../shared/core/offline/index.ts';
import { transactionCodec } from '../../../shared/core/types/index.ts';
import type { EventHub, AreaHandlers } from '../registry.ts';
import { ServiceError, unwrap } from '../errors.ts';
import type { NetworkAccess } from '../network/access.ts';
import type { VaultService } from '../vault/service.ts';
import type { WalletService } from '../wallet/types.ts';
import { ScanSession, textToFrames } from './codec.ts';
import {
  kindOf,
  OFFLINE_WINDOW,
  ONLINE_WINDOW,
  openReply,
  openRequest,
  summaryLines,
  type Imported,
  type SummaryLine,
} from './envelopes.ts';
import { BoundedMap } from './bounded-map.ts';

export interface OfflineServiceOptions {
  mode: 'online' | 'offline';
  vault: VaultService;
  network: NetworkAccess;
  wallet: WalletService;
  hub: EventHub;
}

export interface OfflineService {
  readonly handlers: AreaHandlers<'offline'>;
  close(): Promise<void>;
}

type Scanned = {
  done: true;
  sessionId: string;
  kind: 'request' | 'reply';
  envelopeId: string;
  chainId: string;
  from: string;
  summary: SummaryLine[];
};

const OFFLINE_HERE = 'This window is the offline signer and never touches the network';

export function createOfflineService(options: OfflineServiceOptions): OfflineService {
  const { mode, vault, network, wallet } = options;
  const sessions = new BoundedMap<string, { scan: ScanSession; result?: Scanned }>(16);
  const imported = new BoundedMap<string, Imported>(64);
  /** Requests this wallet made, so a reply can be checked against exactly what was asked. */
  const requests = new BoundedMap<string, OfflineEnvelope>(256);

  async function chainIdentity() {
    const light = await network.ready();
    const chain = network.chain();
    if (!chain) throw new ServiceError('UNAVAILABLE', 'The network is still starting; try again in a moment.');
    return { light, chain };
  }

  async function importText(text: string, sessionId: string): Promise<Scanned> {
    const kind = kindOf(text);
    let entry: Imported;
    if (mode === 'offline') {
      if (kind === 'reply')
        throw new ServiceError(
          'VALIDATION',
          `This is a signed reply: broadcast it from ${ONLINE_WINDOW}. ${OFFLINE_HERE}.`,
        );
      entry = openRequest(text);
    } else {
      if (kind === 'request')
        throw new ServiceError(
          'VALIDATION',
          `This is an unsigned signing request: scan it in ${OFFLINE_WINDOW}, then bring its signed reply back here.`,
        );
      const { light, chain } = await chainIdentity();
      const reply = openReply(text, chain, requests);
      const { tx } = reply.checked.signed;
      const head = light.verifiedHead().height;
      if (tx.expiryHeight <= head) {
        throw new ServiceError(
          'VALIDATION',
          `This transaction expired at height ${tx.expiryHeight} and the chain is at height ${head}; make and sign a new request.`,
        );
      }
      entry = reply;
    }
    const envelopeId = randomUUID();
    imported.set(envelopeId, entry);
    const chainId = entry.kind === 'request' ? entry.opened.envelope.chainId : entry.checked.reply.chainId;
    return { done: true, sessionId, kind: entry.kind, envelopeId, chainId, from: entry.from, summary: entry.summary };
  }

  function importedOf<K extends Imported['kind']>(envelopeId: string, kind: K): Imported & { kind: K } {
    const entry = imported.get(envelopeId);
    if (entry?.kind !== kind)
      throw new ServiceError(
        'NOT_FOUND',
        `No scanned ${kind === 'request' ? 'signing request' : 'signed reply'} has that id; scan or import it again.`,
      );
    return entry as Imported & { kind: K };
  }

  async function envelopeOut(id: string, kind: 'request' | 'reply', document: object, summary: SummaryLine[]) {
    // The file is for people to open too; the QR frames carry the compact form.
    const frames = await textToFrames(JSON.stringify(document));
    return {
      id,
      kind,
      fileName: `consortia-${kind}-${id.slice(0, 8)}.json`,
      fileText: `${JSON.stringify(document, null, 2)}\n`,
      frames,
      summary,
    };
  }

  const handlers: AreaHandlers<'offline'> = {
    'offline.createRequest': async ({ accountId, intent, fee }) => {
      if (mode === 'offline')
        throw new ServiceError(
          'OFFLINE',
          `${OFFLINE_HERE}, so it cannot build a request: make it in ${ONLINE_WINDOW}, then scan it here.`,
        );
      const { chain } = await chainIdentity();
      const built = await wallet.build(accountId, intent, fee === undefined ? undefined : BigInt(fee));
      const requestId = randomBytes(16).toString('hex');
      const input = {
        chainId: chain.chainId,
        addressPrefix: chain.addressPrefix,
        requestId,
        tx: built.transaction,
        createdAt: new Date().toISOString(),
      };
      const envelope = buildEnvelope(input, DEFAULT_DISPLAY);
      if (!envelope.ok)
        throw new ServiceError('INTERNAL', `The signing request could not be written: ${envelope.reason}.`);
      requests.set(requestId, envelope.value);
      return envelopeOut(
        requestId,
        'request',
        envelope.value,
        summaryLines(built.transaction, chain.chainId, chain.addressPrefix),
      );
    },

    'offline.scan': async ({ sessionId, part }) => {
      const id = sessionId ?? randomUUID();
      const session = sessionId === undefined ? { scan: new ScanSession() } : sessions.get(sessionId);
      if (!session)
        throw new ServiceError(
          'NOT_FOUND',
          'That scan is no longer open (it finished long ago, or the app restarted); start scanning again.',
        );
      sessions.set(id, session);
      if (session.result) return session.result;
      const step = session.scan.receive(part);
      if (!step.done) return { done: false, sessionId: id, progress: step.progress };
      session.result = await importText(step.text, id);
      return session.result;
    },

    'offline.importFile': ({ text }) => importText(text.trim(), randomUUID()),

    'offline.sign': async ({ envelopeId }) => {
      if (mode === 'online')
        throw new ServiceError(
          'VALIDATION',
          `Requests are signed in ${OFFLINE_WINDOW}; this window is ${ONLINE_WINDOW}.`,
        );
      const entry = importedOf(envelopeId, 'request');
      const { opened } = entry;
      const status = vault.rawStatus();
      if (!status.exists)
        throw new ServiceError(
          'NO_VAULT',
          `Create the vault and add the recovery phrase of ${entry.from} before signing.`,
        );
      if (status.locked) throw new ServiceError('LOCKED', 'Unlock the vault to sign this request.');
      const sender = bytesToHex(opened.tx.senderPublicKey);
      const account = status.accounts.find((a) => a.kind !== 'watch' && a.publicKey === sender);
      if (!account) {
        throw new ServiceError(
          'NOT_FOUND',
          `This vault holds no key for ${entry.from}, the sender of this request. Add that account's recovery phrase to this vault, or sign where its key is kept.`,
        );
      }
      const signature = unwrap(
        vault.vault.signTransactionBytes(account.id, opened.envelope.chainId, transactionCodec.encode(opened.tx)),
      );
      const reply = buildReply(opened, signature);
      const check = reply.ok ? parseReply(JSON.stringify(reply.value), opened.envelope) : reply;
      if (!reply.ok || !check.ok)
        throw new ServiceError(
          'INTERNAL',
          `The vault's signature did not check out (${check.ok ? 'unknown' : check.reason}); nothing was written.`,
        );
      return envelopeOut(opened.envelope.requestId, 'reply', reply.value, entry.summary);
    },

    'offline.broadcast': async ({ envelopeId }) => {
      if (mode === 'offline')
        throw new ServiceError(
          'OFFLINE',
          `${OFFLINE_HERE}: bring the signed reply to ${ONLINE_WINDOW} and broadcast it there.`,
        );
      const entry = importedOf(envelopeId, 'reply');
      const tracked = await wallet.submitSigned(entry.checked.signed);
      return { txId: tracked.txId };
    },
  };

  return {
    handlers,
    close: async () => {
      sessions.clear();
      imported.clear();
      requests.clear();
    },
  };
}
