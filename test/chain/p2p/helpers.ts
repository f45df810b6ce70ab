// Shared set-up for the P2P tests: keys, an admission list, nodes on 127.0.0.1, polling.
import { generateSecretKey, publicKeyFromSecret, sha256 } from '../../../shared/core/crypto/index.ts';
import { P2PNode, type P2PLimits, type P2PNodeOptions } from '../../../chain/p2p/index.ts';
import { untilTrue } from '../../helpers/wait.ts';

export const CHAIN_ID = 'consortia-p2p-test';
export const GENESIS = sha256(new TextEncoder().encode('p2p test genesis'));

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export interface Key {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  id: string;
}

export function newKey(): Key {
  const secretKey = generateSecretKey();
  const publicKey = publicKeyFromSecret(secretKey);
  return { secretKey, publicKey, id: hex(publicKey) };
}

/** The set of admitted keys every test node consults. */
export class Admission {
  readonly ids = new Set<string>();
  admit(...keys: Key[]): this {
    for (const key of keys) this.ids.add(key.id);
    return this;
  }
  readonly isAdmitted = (publicKey: Uint8Array): boolean => this.ids.has(hex(publicKey));
}

/** Short timings so reconnection and refusal tests settle in well under a second. */
export const FAST: Partial<P2PLimits> = { redialMinMs: 30, redialMaxMs: 300, handshakeTimeoutMs: 3_000 };

/** Starts nodes and closes them all in `closeAll` (call it from afterEach). */
export class Cluster {
  readonly nodes: P2PNode[] = [];
  readonly admission = new Admission();

  async start(key: Key = newKey(), options: Partial<P2PNodeOptions> = {}): Promise<P2PNode> {
    this.admission.admit(key);
    const node = await P2PNode.start({
      chainId: CHAIN_ID,
      genesisHash: GENESIS,
      secretKey: key.secretKey,
      isAdmitted: this.admission.isAdmitted,
      ...options,
      limits: { ...FAST, ...options.limits },
    });
    this.nodes.push(node);
    return node;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.nodes.splice(0).map((node) => node.close()));
  }
}

/** Polls until `check` holds; the timeout is generous because CI machines are slow, not because it matters. */
export function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return untilTrue(what, check, { timeoutMs, everyMs: 10 });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const connected = (a: P2PNode, b: P2PNode): boolean =>
  a.peers().some((peer) => peer.id === b.id) && b.peers().some((peer) => peer.id === a.id);

/** Resolves with the next event of that name. */
export function nextEvent<T extends unknown[]>(
  node: P2PNode,
  name: 'peerConnected' | 'peerDisconnected' | 'peerBanned' | 'handshakeRejected',
): Promise<T> {
  return new Promise((resolve) => node.once(name, (...args: unknown[]) => resolve(args as T)));
}
