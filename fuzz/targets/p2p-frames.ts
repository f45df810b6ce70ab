/** P2P frames after the handshake (chain/p2p/wire.ts): a frame or null, and a frame re-encodes to its bytes. */
import { decodeFrame, encodeMessage, encodeRequest, encodeResponse, type Frame } from '../../chain/p2p/wire.ts';
import { equalBytes, hex, PropertyViolation } from './properties.ts';

function encodeFrame(frame: Frame): Uint8Array {
  if (frame.kind === 'message') return encodeMessage(frame.topic, frame.payload);
  if (frame.kind === 'request') return encodeRequest(frame.topic, frame.id, frame.payload);
  return encodeResponse(frame.id, frame.status, frame.payload);
}

export function fuzz(data: Uint8Array): void {
  const frame = decodeFrame(data);
  if (frame === null) return;
  const reencoded = encodeFrame(frame);
  if (!equalBytes(reencoded, data)) throw new PropertyViolation(`frame ${hex(data)} re-encodes to ${hex(reencoded)}`);
}
