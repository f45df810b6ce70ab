/** Running totals for metrics; a snapshot is read with node.counters(). */
export interface P2PCounters {
  inboundConnections: number;
  dialAttempts: number;
  handshakesCompleted: number;
  /** Handshakes this node refused. */
  handshakesRejected: number;
  /** Handshakes the remote side refused. */
  handshakesRefusedByPeer: number;
  /** Second connections to an already connected peer, closed by the de-duplication rule. */
  duplicateConnections: number;
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
  messagesAccepted: number;
  messagesIgnored: number;
  messagesRejected: number;
  /** Messages already seen (normal in gossip: every peer may send each one). */
  duplicates: number;
  /** Copies of other peers' messages relayed on. */
  forwarded: number;
  /** Gossip not sent to a peer because its send buffer was full or it was closing. */
  droppedSlowPeer: number;
  requestsIn: number;
  requestsOut: number;
  requestTimeouts: number;
  /** Responses for requests that had already timed out. */
  lateResponses: number;
  rateLimited: number;
  penalties: number;
  bans: number;
}

export function zeroCounters(): P2PCounters {
  return {
    inboundConnections: 0,
    dialAttempts: 0,
    handshakesCompleted: 0,
    handshakesRejected: 0,
    handshakesRefusedByPeer: 0,
    duplicateConnections: 0,
    framesIn: 0,
    framesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
    messagesAccepted: 0,
    messagesIgnored: 0,
    messagesRejected: 0,
    duplicates: 0,
    forwarded: 0,
    droppedSlowPeer: 0,
    requestsIn: 0,
    requestsOut: 0,
    requestTimeouts: 0,
    lateResponses: 0,
    rateLimited: 0,
    penalties: 0,
    bans: 0,
  };
}
