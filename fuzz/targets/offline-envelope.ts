/**
 * The air-gapped signer's inputs (shared/core/offline/envelope.ts): a signing request written by the online
 * machine, and a signed reply carried back. Either side may be hostile, so any text must give a value or a
 * refusal with a reason. The first byte picks the reader; a request that opens must carry the canonical
 * encoding of the transaction it shows.
 */
import { transactionCodec } from '../../shared/core/types/index.ts';
import { DEFAULT_DISPLAY, parseEnvelope, parseReply } from '../../shared/core/offline/index.ts';
import { checkRefusal, hex, PropertyViolation } from './properties.ts';

export function fuzz(data: Uint8Array): void {
  if (data.length === 0) return;
  const text = Buffer.from(data.subarray(1)).toString('utf8');
  if (data[0]! % 2 === 0) {
    const opened = parseEnvelope(text, DEFAULT_DISPLAY);
    if (!opened.ok) return checkRefusal('signing request', opened.reason, undefined, data.length);
    const reencoded = hex(transactionCodec.encode(opened.value.tx));
    if (reencoded !== opened.value.envelope.transaction)
      throw new PropertyViolation(`request shows a transaction that encodes as ${reencoded}`);
  } else {
    const reply = parseReply(text);
    if (!reply.ok) checkRefusal('signed reply', reply.reason, undefined, data.length);
  }
}
