// The P2P layer's public face; the consensus engine, mempool and sync import from here.
export { P2PNode, type P2PNodeOptions, type RequestOptions } from './node.ts';
export { P2P_PATH } from './listener.ts';
export { DEFAULT_P2P_LIMITS, type P2PLimits } from './limits.ts';
export { CloseCode } from './close-codes.ts';
export { PENALTIES, type Offence } from './scoreboard.ts';
export { PROTOCOL_VERSION } from './handshake.ts';
export { peerUrl } from './node.ts';
export { tlsIdentity, ed25519KeyOf, type TlsIdentity } from './identity.ts';
export { TLS_VERSIONS } from './listener.ts';
export { MAX_TOPIC, ResponseStatus } from './wire.ts';
export type { P2PCounters } from './counters.ts';
export {
  P2PError,
  type P2PErrorCode,
  type Verdict,
  type Direction,
  type PeerRef,
  type TopicHandler,
  type RequestHandler,
  type PeerInfo,
  type CloseInfo,
  type HandshakeRejection,
  type BanInfo,
  type P2PEvents,
  type P2PLogger,
} from './types.ts';
