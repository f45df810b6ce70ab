/*
 * Binary frames exchanged after the handshake (one WebSocket binary message each):
 *   message   [topic u8 ≤ 0xEF][payload]                          gossip or a direct send
 *   request   [0xF0][topic u8][request id u32 BE][payload]
 *   response  [0xF1][request id u32 BE][status u8][payload]       payload = UTF-8 text unless status is OK
 * 0xF2–0xFF are reserved; a frame starting with one is malformed.
 */

export const MAX_TOPIC = 0xef;
const REQUEST = 0xf0;
const RESPONSE = 0xf1;
const REQUEST_HEADER = 6;
const RESPONSE_HEADER = 6;

export const ResponseStatus = {
  OK: 0,
  /** The handler threw; the payload is its message. */
  ERROR: 1,
  /** Too many requests from this peer in flight. */
  BUSY: 2,
  UNKNOWN_TOPIC: 3,
  TOO_LARGE: 4,
} as const;
export type ResponseStatus = (typeof ResponseStatus)[keyof typeof ResponseStatus];
const STATUSES: ReadonlySet<number> = new Set(Object.values(ResponseStatus));

export type Frame =
  | { kind: 'message'; topic: number; payload: Uint8Array }
  | { kind: 'request'; topic: number; id: number; payload: Uint8Array }
  | { kind: 'response'; id: number; status: ResponseStatus; payload: Uint8Array };

export function isTopic(topic: number): boolean {
  return Number.isInteger(topic) && topic >= 0 && topic <= MAX_TOPIC;
}

export function encodeMessage(topic: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + payload.length);
  out[0] = topic;
  out.set(payload, 1);
  return out;
}

export function encodeRequest(topic: number, id: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(REQUEST_HEADER + payload.length);
  const view = new DataView(out.buffer);
  out[0] = REQUEST;
  out[1] = topic;
  view.setUint32(2, id);
  out.set(payload, REQUEST_HEADER);
  return out;
}

export function encodeResponse(id: number, status: ResponseStatus, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(RESPONSE_HEADER + payload.length);
  const view = new DataView(out.buffer);
  out[0] = RESPONSE;
  view.setUint32(1, id);
  out[5] = status;
  out.set(payload, RESPONSE_HEADER);
  return out;
}

/** The frame, or null when the bytes are not one (empty, truncated header, reserved kind, unknown status). */
export function decodeFrame(bytes: Uint8Array): Frame | null {
  if (bytes.length === 0) return null;
  const kind = bytes[0]!;
  if (kind <= MAX_TOPIC) return { kind: 'message', topic: kind, payload: bytes.subarray(1) };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (kind === REQUEST) {
    if (bytes.length < REQUEST_HEADER || !isTopic(bytes[1]!)) return null;
    return { kind: 'request', topic: bytes[1]!, id: view.getUint32(2), payload: bytes.subarray(REQUEST_HEADER) };
  }
  if (kind === RESPONSE) {
    if (bytes.length < RESPONSE_HEADER || !STATUSES.has(bytes[5]!)) return null;
    return {
      kind: 'response',
      id: view.getUint32(1),
      status: bytes[5] as ResponseStatus,
      payload: bytes.subarray(RESPONSE_HEADER),
    };
  }
  return null;
}
