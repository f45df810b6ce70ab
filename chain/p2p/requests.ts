import type { Connection } from './connection.ts';
import type { P2PCounters } from './counters.ts';
import type { Offence } from './scoreboard.ts';
import { P2PError, type P2PErrorCode, type P2PLogger, type RequestHandler } from './types.ts';
import { encodeRequest, encodeResponse, isTopic, ResponseStatus, type Frame } from './wire.ts';

export interface RequestsHost {
  penalize(peerId: string, offence: Offence, detail: string): void;
  readonly counters: P2PCounters;
  readonly log: P2PLogger;
  readonly maxConcurrentRequests: number;
  readonly maxFrameBytes: number;
}

/** Response and request frames carry 6 header bytes. */
const HEADER_BYTES = 6;
const MAX_ERROR_TEXT = 200;

const STATUS_ERRORS: Record<Exclude<ResponseStatus, 0>, P2PErrorCode> = {
  [ResponseStatus.ERROR]: 'remote-error',
  [ResponseStatus.BUSY]: 'busy',
  [ResponseStatus.UNKNOWN_TOPIC]: 'unknown-topic',
  [ResponseStatus.TOO_LARGE]: 'too-large',
};

/** Request/response over the peer connections: ids, timeouts, and a bound on requests in flight each way. */
export class Requests {
  private readonly topics = new Map<number, RequestHandler>();

  constructor(private readonly host: RequestsHost) {}

  register(topic: number, handler: RequestHandler): void {
    if (!isTopic(topic)) throw new RangeError(`Request topic must be an integer 0–239, got ${topic}`);
    if (this.topics.has(topic)) throw new Error(`Request topic ${topic} is already registered`);
    if (!Number.isInteger(handler.maxBytes) || handler.maxBytes < 0)
      throw new RangeError('maxBytes must be a non-negative integer');
    this.topics.set(topic, handler);
  }

  request(to: Connection, topic: number, payload: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    if (!isTopic(topic)) throw new RangeError(`Request topic must be an integer 0–239, got ${topic}`);
    if (payload.length + HEADER_BYTES > this.host.maxFrameBytes)
      throw new RangeError(`Request payload of ${payload.length} bytes is over the frame limit`);
    if (to.pending.size >= this.host.maxConcurrentRequests) {
      return Promise.reject(
        new P2PError('too-many-requests', `Already ${to.pending.size} requests in flight to this peer`),
      );
    }
    return new Promise((resolve, reject) => {
      const id = to.nextId();
      const timer = setTimeout(() => {
        to.pending.delete(id);
        this.host.counters.requestTimeouts++;
        reject(new P2PError('timeout', `No answer to request on topic ${topic} within ${timeoutMs} ms`));
      }, timeoutMs);
      to.pending.set(id, { resolve, reject, timer });
      if (!to.send(encodeRequest(topic, id, payload))) {
        clearTimeout(timer);
        to.pending.delete(id);
        reject(new P2PError('disconnected', 'The peer connection is closing'));
        return;
      }
      this.host.counters.requestsOut++;
    });
  }

  onRequest(from: Connection, frame: Extract<Frame, { kind: 'request' }>): void {
    this.host.counters.requestsIn++;
    const reply = (status: ResponseStatus, body: Uint8Array) => from.send(encodeResponse(frame.id, status, body));
    const handler = this.topics.get(frame.topic);
    if (!handler) {
      this.host.penalize(from.id, 'unknownTopic', `request on unknown topic ${frame.topic}`);
      reply(ResponseStatus.UNKNOWN_TOPIC, text(`unknown request topic ${frame.topic}`));
      return;
    }
    if (frame.payload.length > handler.maxBytes) {
      this.host.penalize(from.id, 'oversize', `request of ${frame.payload.length} bytes on topic ${frame.topic}`);
      reply(ResponseStatus.TOO_LARGE, text(`request larger than ${handler.maxBytes} bytes`));
      return;
    }
    // A peer may run with a higher bound than ours; telling it to back off is enough.
    if (from.serving >= this.host.maxConcurrentRequests) {
      reply(ResponseStatus.BUSY, text('too many requests in flight'));
      return;
    }
    from.serving++;
    Promise.resolve()
      .then(() => handler.handle(frame.payload, from.identity!.ref))
      .then((answer) => {
        if (!(answer instanceof Uint8Array)) throw new TypeError('request handler did not return bytes');
        if (answer.length + HEADER_BYTES > this.host.maxFrameBytes)
          throw new RangeError(`response of ${answer.length} bytes is over the frame limit`);
        reply(ResponseStatus.OK, answer);
      })
      .catch((error: unknown) => {
        this.host.log.warn({ err: error, topic: frame.topic, peer: from.id }, 'request handler failed');
        reply(ResponseStatus.ERROR, text(error instanceof Error ? error.message : String(error)));
      })
      .finally(() => from.serving--);
  }

  onResponse(from: Connection, frame: Extract<Frame, { kind: 'response' }>): void {
    const pending = from.pending.get(frame.id);
    if (!pending) {
      this.host.counters.lateResponses++;
      return;
    }
    from.pending.delete(frame.id);
    clearTimeout(pending.timer);
    if (frame.status === ResponseStatus.OK) pending.resolve(frame.payload);
    else pending.reject(new P2PError(STATUS_ERRORS[frame.status], new TextDecoder().decode(frame.payload)));
  }

  /** Ends every request waiting on the connection. */
  failAll(conn: Connection, code: P2PErrorCode, message: string): void {
    for (const pending of conn.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new P2PError(code, message));
    }
    conn.pending.clear();
  }
}

function text(message: string): Uint8Array {
  return new TextEncoder().encode(message.slice(0, MAX_ERROR_TEXT));
}
