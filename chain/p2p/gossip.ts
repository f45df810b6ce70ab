import { sha256 } from '../../shared/core/crypto/index.ts';
import type { Connection } from './connection.ts';
import type { P2PCounters } from './counters.ts';
import { bytesToHex } from './hex.ts';
import type { Offence } from './scoreboard.ts';
import { SeenCache, type SeenEntry } from './seen-cache.ts';
import type { P2PLogger, TopicHandler, Verdict } from './types.ts';
import { encodeMessage, isTopic } from './wire.ts';

export interface GossipHost {
  /** Authenticated peers. */
  peers(): Iterable<Connection>;
  penalize(peerId: string, offence: Offence, detail: string): void;
  readonly counters: P2PCounters;
  readonly log: P2PLogger;
  /** Gossip to a peer whose send buffer is fuller than this is dropped. */
  readonly maxBufferedBytes: number;
}

const VERDICTS: ReadonlySet<unknown> = new Set<Verdict>(['accept', 'ignore', 'reject']);

/** Topic handlers, de-duplication and forwarding of messages. */
export class Gossip {
  private readonly topics = new Map<number, TopicHandler>();
  private readonly seen: SeenCache;

  constructor(
    private readonly host: GossipHost,
    seenCacheSize: number,
  ) {
    this.seen = new SeenCache(seenCacheSize);
  }

  register(topic: number, handler: TopicHandler): void {
    if (!isTopic(topic)) throw new RangeError(`Topic must be an integer 0–239, got ${topic}`);
    if (this.topics.has(topic)) throw new Error(`Topic ${topic} is already registered`);
    if (!Number.isInteger(handler.maxBytes) || handler.maxBytes < 0)
      throw new RangeError('maxBytes must be a non-negative integer');
    this.topics.set(topic, handler);
  }

  /** `frame` is the whole received message (topic ‖ payload), forwarded as is. */
  onMessage(from: Connection, topic: number, payload: Uint8Array, frame: Uint8Array): void {
    const handler = this.topics.get(topic);
    if (!handler) return this.host.penalize(from.id, 'unknownTopic', `message on unknown topic ${topic}`);
    if (payload.length > handler.maxBytes) {
      return this.host.penalize(
        from.id,
        'oversize',
        `${payload.length} bytes on topic ${topic} (max ${handler.maxBytes})`,
      );
    }
    const id = messageId(frame);
    const known = this.seen.get(id);
    if (known) {
      this.host.counters.duplicates++;
      known.holders.add(from.id);
      // Sending an already judged-invalid message again is no more innocent the second time.
      if (known.verdict === 'reject')
        this.host.penalize(from.id, 'reject', `repeated invalid message on topic ${topic}`);
      return;
    }
    const entry: SeenEntry = { verdict: 'pending', holders: new Set([from.id]) };
    this.seen.add(id, entry);
    let result: Verdict | Promise<Verdict>;
    try {
      result = handler.handle(payload, from.identity!.ref);
    } catch (error) {
      this.host.log.error({ err: error, topic }, 'topic handler threw; message ignored');
      result = 'ignore';
    }
    if (result instanceof Promise) {
      result.then(
        (verdict) => this.settle(from.id, topic, handler, entry, frame, verdict),
        (error: unknown) => {
          this.host.log.error({ err: error, topic }, 'topic handler failed; message ignored');
          this.settle(from.id, topic, handler, entry, frame, 'ignore');
        },
      );
    } else {
      this.settle(from.id, topic, handler, entry, frame, result);
    }
  }

  /** Sends to every peer that has not been seen with the message; returns how many got it. */
  broadcast(topic: number, payload: Uint8Array): number {
    const frame = this.frame(topic, payload);
    const id = messageId(frame);
    const entry = this.seen.get(id) ?? { verdict: 'accept', holders: new Set<string>() };
    entry.verdict = 'accept';
    this.seen.add(id, entry);
    return this.forward(frame, entry);
  }

  send(to: Connection, topic: number, payload: Uint8Array): boolean {
    return to.send(this.frame(topic, payload));
  }

  private frame(topic: number, payload: Uint8Array): Uint8Array {
    const handler = this.topics.get(topic);
    if (!handler) throw new RangeError(`Topic ${topic} is not registered`);
    if (payload.length > handler.maxBytes)
      throw new RangeError(`Payload of ${payload.length} bytes exceeds topic ${topic}'s ${handler.maxBytes}`);
    return encodeMessage(topic, payload);
  }

  private settle(
    fromId: string,
    topic: number,
    handler: TopicHandler,
    entry: SeenEntry,
    frame: Uint8Array,
    verdict: Verdict,
  ): void {
    if (!VERDICTS.has(verdict)) {
      this.host.log.error({ topic, verdict }, 'topic handler returned no verdict; message ignored');
      verdict = 'ignore';
    }
    entry.verdict = verdict;
    const { counters } = this.host;
    if (verdict === 'accept') {
      counters.messagesAccepted++;
      if (handler.gossip) counters.forwarded += this.forward(frame, entry);
    } else if (verdict === 'ignore') {
      counters.messagesIgnored++;
    } else {
      counters.messagesRejected++;
      this.host.penalize(fromId, 'reject', `invalid message on topic ${topic}`);
    }
  }

  private forward(frame: Uint8Array, entry: SeenEntry): number {
    let sent = 0;
    for (const peer of this.host.peers()) {
      if (entry.holders.has(peer.id)) continue;
      if (peer.send(frame, this.host.maxBufferedBytes)) {
        entry.holders.add(peer.id);
        sent++;
      } else {
        this.host.counters.droppedSlowPeer++;
      }
    }
    return sent;
  }
}

/** sha256(topic ‖ payload), as hex: the same message on the same topic is one message. */
function messageId(frame: Uint8Array): string {
  return bytesToHex(sha256(frame));
}
