/** The desktop web host's client frames (electron/webhost/frames.ts): a call, or a refusal with a message. */
import { parseClientFrame } from '../../electron/webhost/frames.ts';
import { PropertyViolation } from './properties.ts';

export function fuzz(data: Uint8Array): void {
  // The first byte stands for the WebSocket frame type: odd = binary (parsed as null), even = text.
  if (data.length === 0) return;
  const frame = parseClientFrame(data[0]! % 2 === 1 ? null : Buffer.from(data.subarray(1)).toString('utf8'));
  if (frame.ok) {
    if (
      !Number.isSafeInteger(frame.id) ||
      frame.id < 0 ||
      typeof frame.method !== 'string' ||
      frame.method.length > 100
    ) {
      throw new PropertyViolation(`accepted a malformed call ${JSON.stringify(frame)}`);
    }
  } else if (
    typeof frame.message !== 'string' ||
    frame.message.length === 0 ||
    !(frame.id === null || typeof frame.id === 'number')
  ) {
    throw new PropertyViolation(`refusal without a message or with a bad id: ${JSON.stringify(frame)}`);
  }
}
