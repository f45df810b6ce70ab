/**
 * WebSocket close codes this layer sends (4000–4999 is the range RFC 6455 leaves to applications),
 * so the side that is turned away can log why and tests can tell the reasons apart.
 */
export const CloseCode = {
  /** A normal shutdown of this node. */
  SHUTDOWN: 1001,
  /** Bytes that break the handshake protocol: binary data before the hello, a bad or second hello. */
  PROTOCOL: 4000,
  VERSION: 4001,
  WRONG_CHAIN: 4002,
  WRONG_GENESIS: 4003,
  /** The TLS peer showed no Ed25519 certificate (TLS itself refuses a certificate whose key the peer does not hold). */
  BAD_CERTIFICATE: 4004,
  NOT_ADMITTED: 4005,
  SELF: 4006,
  HANDSHAKE_TIMEOUT: 4007,
  BANNED: 4008,
  /** Another connection to the same peer was kept. */
  DUPLICATE: 4009,
  TOO_MANY_PEERS: 4010,
  /** The score of this key from this address fell to the ban threshold. */
  MISBEHAVIOUR: 4011,
  PING_TIMEOUT: 4012,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close reasons are at most 123 bytes of UTF-8 (RFC 6455 §5.5); ours are ASCII, so characters suffice. */
export function closeReason(text: string): string {
  return text.length <= 123 ? text : `${text.slice(0, 120)}...`;
}
