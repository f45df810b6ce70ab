/** The desktop web host's client frames (electron/webhost/frames.ts): a call, or a refusal with a message. */
import { parseClientFrame } from '../../electron/webhost/frames.ts';
import { PropertyViolation } from './properties.ts';

export function fuzz(data: Uint8Array): void {
  // The first byte stands for the WebSocket frame type: odd = binary (parsed as null), even = text.
  if (data.length === 0) return;
  const { id, call } = parseClientFrame(data[0]! % 2 === 1 ? null : Buffer.from(data.subarray(1)).toString('utf8'));
  if (call.ok) {
    if (
      id === null ||
      !Number.isSafeInteger(id) ||
      id < 0 ||
      typeof call.value.method !== 'string' ||
      call.value.method.length > 100
    ) {
      throw new PropertyViolation(`accepted a malformed call ${JSON.stringify({ id, call })}`);
    }
  } else if (
    call.error.code !== 'VALIDATION' ||
    typeof call.error.message !== 'string' ||
    call.error.message.length === 0 ||
    !(id === null || typeof id === 'number')
  ) {
    throw new PropertyViolation(`refusal without a message or with a bad id: ${JSON.stringify({ id, call })}`);
  }
}
