import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { signDomain, SigningDomain, verifyDomain, type SignatureVerifier } from '../../shared/core/crypto/index.ts';
import { CloseCode } from './close-codes.ts';
import { bytesToHex, hexToBytes } from './hex.ts';

/*
 * The handshake, in two JSON text frames each way (the only text frames on the wire):
 *   → hello {type, protocolVersion, chainId, genesisHash, publicKey, challenge, listenUrl?}   both sides, on open
 *   → auth  {type, signature}   sent once the peer's hello has been checked
 * signature = signDomain(HANDSHAKE, chainId, peer's challenge ‖ own public key ‖ peer's public key):
 * the peer's fresh challenge ties it to this session, the two keys to this pair of nodes, so a
 * captured signature is worthless anywhere else. All hex is lowercase; every field has a fixed size.
 */

export const PROTOCOL_VERSION = 1;
export const CHALLENGE_BYTES = 32;
/** Handshake frames are a few hundred bytes; anything near this is not one. */
const MAX_HANDSHAKE_FRAME_BYTES = 1024;

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

const HelloSchema = z.strictObject({
  type: z.literal('hello'),
  protocolVersion: z.number().int().nonnegative(),
  chainId: z.string().max(64),
  genesisHash: hex(32),
  publicKey: hex(32),
  challenge: hex(CHALLENGE_BYTES),
  listenUrl: z.string().max(256).optional(),
});
const AuthSchema = z.strictObject({ type: z.literal('auth'), signature: hex(64) });
export type Hello = z.infer<typeof HelloSchema>;

/** The 96 bytes a node signs for its peer. */
export function handshakeBytes(peerChallenge: Uint8Array, ownPublicKey: Uint8Array, peerPublicKey: Uint8Array): Uint8Array {
  const out = new Uint8Array(peerChallenge.length + ownPublicKey.length + peerPublicKey.length);
  out.set(peerChallenge, 0);
  out.set(ownPublicKey, peerChallenge.length);
  out.set(peerPublicKey, peerChallenge.length + ownPublicKey.length);
  return out;
}

export interface Refusal {
  code: CloseCode;
  reason: string;
}

export interface HandshakeContext {
  chainId: string;
  genesisHash: Uint8Array;
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  listenUrl?: string;
  verifier: SignatureVerifier;
  /** The node's admission decision (banned, not admitted) on the key a hello claims, before any signature work. */
  screen(publicKeyHex: string, publicKey: Uint8Array): Refusal | null;
}

export interface AuthenticatedPeer {
  id: string;
  publicKey: Uint8Array;
  listenUrl?: string;
}

export type HandshakeStep =
  | { kind: 'send'; text: string }
  | { kind: 'done'; peer: AuthenticatedPeer }
  | { kind: 'refuse'; refusal: Refusal; claimedKey?: string };

/** One side of one handshake: feed it the peer's text frames in order, act on each step it returns. */
export class Handshake {
  /** Our hello, to send as soon as the socket is open. */
  readonly hello: string;
  private readonly challenge = new Uint8Array(randomBytes(CHALLENGE_BYTES));
  private state: 'await-hello' | 'await-auth' | 'done' = 'await-hello';
  private peer?: AuthenticatedPeer;
  /** The key the peer's hello claimed, once one was read. */
  claimedKey?: string;

  constructor(private readonly ctx: HandshakeContext) {
    const hello: Hello = {
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      chainId: ctx.chainId,
      genesisHash: bytesToHex(ctx.genesisHash),
      publicKey: bytesToHex(ctx.publicKey),
      challenge: bytesToHex(this.challenge),
      ...(ctx.listenUrl === undefined ? {} : { listenUrl: ctx.listenUrl }),
    };
    this.hello = JSON.stringify(hello);
  }

  receive(frame: Uint8Array): HandshakeStep {
    const json = frame.length <= MAX_HANDSHAKE_FRAME_BYTES ? parseJson(frame) : undefined;
    if (this.state === 'await-hello') {
      const hello = HelloSchema.safeParse(json);
      if (!hello.success) return this.refuse(CloseCode.PROTOCOL, 'expected a well-formed hello');
      return this.onHello(hello.data);
    }
    if (this.state === 'await-auth') {
      const auth = AuthSchema.safeParse(json);
      if (!auth.success) return this.refuse(CloseCode.PROTOCOL, 'expected a well-formed auth');
      return this.onAuth(hexToBytes(auth.data.signature));
    }
    return this.refuse(CloseCode.PROTOCOL, 'handshake already complete');
  }

  private onHello(hello: Hello): HandshakeStep {
    this.claimedKey = hello.publicKey;
    if (hello.protocolVersion !== PROTOCOL_VERSION) {
      return this.refuse(CloseCode.VERSION, `protocol version ${hello.protocolVersion} not supported (want ${PROTOCOL_VERSION})`);
    }
    if (hello.chainId !== this.ctx.chainId) return this.refuse(CloseCode.WRONG_CHAIN, `wrong chain id ${JSON.stringify(hello.chainId)}`);
    if (hello.genesisHash !== bytesToHex(this.ctx.genesisHash)) return this.refuse(CloseCode.WRONG_GENESIS, 'wrong genesis hash');
    if (hello.publicKey === bytesToHex(this.ctx.publicKey)) return this.refuse(CloseCode.SELF, 'connected to itself');
    const publicKey = hexToBytes(hello.publicKey);
    const refusal = this.ctx.screen(hello.publicKey, publicKey);
    if (refusal) return { kind: 'refuse', refusal, claimedKey: hello.publicKey };
    this.peer = { id: hello.publicKey, publicKey, ...(hello.listenUrl === undefined ? {} : { listenUrl: hello.listenUrl }) };
    const signature = signDomain(
      SigningDomain.HANDSHAKE,
      this.ctx.chainId,
      handshakeBytes(hexToBytes(hello.challenge), this.ctx.publicKey, publicKey),
      this.ctx.secretKey,
    );
    this.state = 'await-auth';
    return { kind: 'send', text: JSON.stringify({ type: 'auth', signature: bytesToHex(signature) }) };
  }

  private onAuth(signature: Uint8Array): HandshakeStep {
    const peer = this.peer!;
    const signed = handshakeBytes(this.challenge, peer.publicKey, this.ctx.publicKey);
    if (!verifyDomain(SigningDomain.HANDSHAKE, this.ctx.chainId, signed, signature, peer.publicKey, this.ctx.verifier)) {
      return this.refuse(CloseCode.BAD_SIGNATURE, 'handshake signature does not verify');
    }
    this.state = 'done';
    return { kind: 'done', peer };
  }

  private refuse(code: CloseCode, reason: string): HandshakeStep {
    return { kind: 'refuse', refusal: { code, reason }, ...(this.claimedKey === undefined ? {} : { claimedKey: this.claimedKey }) };
  }
}

function parseJson(frame: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(frame));
  } catch {
    return undefined;
  }
}
