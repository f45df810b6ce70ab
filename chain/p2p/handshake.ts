import * as z from 'zod';
import { CloseCode } from './close-codes.ts';
import { bytesToHex } from './hex.ts';

/*
 * Who the peer is was settled by TLS 1.3 before any of this: its certificate's Ed25519 key, proven by
 * CertificateVerify over the transcript of this channel. The hello only checks that both ends run the
 * same protocol on the same chain, and tells the listen URL. One JSON text frame each way, sent once
 * the peer's key has been screened (self, banned, admitted); all hex lowercase, fixed sizes.
 *   → hello {type, protocolVersion, chainId, genesisHash, listenUrl?}
 */

/** 2: TLS 1.3 with pinned Ed25519 certificates (1 was a signed challenge over plain WebSockets). */
export const PROTOCOL_VERSION = 2;
/** A hello is about two hundred bytes; anything near this is not one. */
const MAX_HELLO_BYTES = 1024;

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

const HelloSchema = z.strictObject({
  type: z.literal('hello'),
  protocolVersion: z.number().int().nonnegative(),
  chainId: z.string().max(64),
  genesisHash: hex(32),
  listenUrl: z.string().max(256).optional(),
});
export type Hello = z.infer<typeof HelloSchema>;

export interface Refusal {
  code: CloseCode;
  reason: string;
}

export interface HandshakeContext {
  chainId: string;
  genesisHash: Uint8Array;
  listenUrl?: string;
}

/** A peer whose key TLS authenticated and whose hello matched. */
export interface AuthenticatedPeer {
  id: string;
  publicKey: Uint8Array;
  listenUrl?: string;
}

export type HandshakeStep = { kind: 'done'; peer: AuthenticatedPeer } | { kind: 'refuse'; refusal: Refusal };

/** Our hello, to send once the peer's key has been screened. */
export function helloText(ctx: HandshakeContext): string {
  const hello: Hello = {
    type: 'hello',
    protocolVersion: PROTOCOL_VERSION,
    chainId: ctx.chainId,
    genesisHash: bytesToHex(ctx.genesisHash),
    ...(ctx.listenUrl === undefined ? {} : { listenUrl: ctx.listenUrl }),
  };
  return JSON.stringify(hello);
}

/** Judges the peer's hello; `peerKey` is the key from its authenticated certificate, never from the hello. */
export function receiveHello(ctx: HandshakeContext, peerKey: Uint8Array, frame: Uint8Array): HandshakeStep {
  const parsed = HelloSchema.safeParse(frame.length <= MAX_HELLO_BYTES ? parseJson(frame) : undefined);
  if (!parsed.success) return refuse(CloseCode.PROTOCOL, 'expected a well-formed hello');
  const hello = parsed.data;
  if (hello.protocolVersion !== PROTOCOL_VERSION) {
    return refuse(
      CloseCode.VERSION,
      `protocol version ${hello.protocolVersion} not supported (want ${PROTOCOL_VERSION})`,
    );
  }
  if (hello.chainId !== ctx.chainId)
    return refuse(CloseCode.WRONG_CHAIN, `wrong chain id ${JSON.stringify(hello.chainId)}`);
  if (hello.genesisHash !== bytesToHex(ctx.genesisHash)) return refuse(CloseCode.WRONG_GENESIS, 'wrong genesis hash');
  const peer: AuthenticatedPeer = {
    id: bytesToHex(peerKey),
    publicKey: peerKey,
    ...(hello.listenUrl === undefined ? {} : { listenUrl: hello.listenUrl }),
  };
  return { kind: 'done', peer };
}

function refuse(code: CloseCode, reason: string): HandshakeStep {
  return { kind: 'refuse', refusal: { code, reason } };
}

function parseJson(frame: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(frame));
  } catch {
    return undefined;
  }
}
