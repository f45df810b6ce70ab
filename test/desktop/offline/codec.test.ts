import { describe, expect, it } from 'vitest';
import { bytesToHex } from '@noble/hashes/utils.js';
import QRCode from 'qrcode';
import { publicKeyFromSecret } from '../../../shared/core/crypto/index.ts';
import { buildEnvelope, DEFAULT_DISPLAY } from '../../../shared/core/offline/index.ts';
import {
  FRAGMENT_BYTES,
  MAX_MESSAGE_BYTES,
  ScanSession,
  textToFrames,
  textToParts,
  type ScanProgress,
} from '../../../electron/services/offline/codec.ts';
import { readFrames } from './qr-images.ts';

/** A signing request as the online wallet writes it: a transfer with a memo, about 1 kB of JSON. */
function requestText(memo = 'rent for March'): string {
  const tx = {
    senderPublicKey: publicKeyFromSecret(new Uint8Array(32).fill(3)),
    nonce: 7n,
    fee: 1000n,
    expiryHeight: 5000n,
    payload: { type: 'transfer' as const, to: new Uint8Array(20).fill(9), amount: 12_500_000n, memo },
  };
  const envelope = buildEnvelope(
    {
      chainId: 'consortia-devnet',
      addressPrefix: 'cdev',
      requestId: bytesToHex(new Uint8Array(16).fill(5)),
      tx,
      createdAt: '2026-11-26T12:00:00.000Z',
    },
    DEFAULT_DISPLAY,
  );
  if (!envelope.ok) throw new Error(envelope.reason);
  return JSON.stringify(envelope.value);
}

function feed(session: ScanSession, parts: readonly string[]): ScanProgress[] {
  const steps: ScanProgress[] = [];
  for (const part of parts) {
    const step = session.receive(part);
    steps.push(step);
    if (step.done) break;
  }
  return steps;
}

const shuffled = <T>(items: readonly T[], seed: number): T[] => {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

describe('offline envelopes as animated QR frames', () => {
  it('goes text → parts → PNG pictures → read back with jsQR → parts → the same text', async () => {
    const text = requestText();
    const frames = await textToFrames(text);
    expect(frames.length).toBe(2 * Math.ceil(Buffer.byteLength(text) / FRAGMENT_BYTES));
    const read = readFrames(frames);
    expect(read).toEqual(frames.map((f) => f.part));
    const steps = feed(new ScanSession(), read);
    expect(steps.at(-1)).toEqual({ done: true, text });
    for (const step of steps.slice(0, -1)) expect(step).toMatchObject({ done: false, progress: expect.any(Number) });
    const progress = steps.slice(0, -1).map((s) => (s.done ? 1 : s.progress));
    expect(progress.every((p) => p >= 0 && p < 1)).toBe(true);
    expect(progress.at(-1)).toBeGreaterThan(progress[0]!);
  });

  it('keeps each picture an easy scan: capitals in QR alphanumeric mode, version 10 or smaller at error correction M', () => {
    for (const part of textToParts(requestText())) {
      expect(part).toMatch(/^UR:BYTES\/\d+-\d+\/[A-Z]+$/);
      const qr = QRCode.create(part, { errorCorrectionLevel: 'M' });
      expect(qr.segments.map((s) => s.mode.id)).toEqual(['Alphanumeric']);
      expect(qr.version).toBeLessThanOrEqual(10);
    }
  });

  it('completes from parts in any order, with duplicates and with some fragments never seen (fountain parts make up for them)', () => {
    const text = requestText('ünïcode ✓ memo');
    const parts = textToParts(text);
    const fragments = parts.length / 2;
    // The first fragment is never caught by the camera; every other frame arrives twice, shuffled.
    const caught = shuffled([...parts.slice(1), ...parts.slice(1)], 42);
    expect(feed(new ScanSession(), caught).at(-1)).toEqual({ done: true, text });
    expect(fragments).toBeGreaterThan(2);
  });

  it('says so when a part of another QR code arrives, and still completes from the right parts', () => {
    const text = requestText();
    const mine = textToParts(text);
    const other = textToParts(requestText('another request'));
    const session = new ScanSession();
    expect(session.receive(mine[0]!)).toMatchObject({ done: false });
    expect(() => session.receive(other[1]!)).toThrow(/belongs to a different animated QR code/);
    expect(() => session.receive('UR:CRYPTO-PSBT/HDCXLKAHSSQZWFVSLOFZOXWKRE')).toThrow(/holds a "crypto-psbt" record/);
    expect(() => session.receive('https://example.invalid/not-a-part')).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
    expect(feed(session, mine.slice(1)).at(-1)).toEqual({ done: true, text });
  });

  it('refuses a truncated part, a part past the size limit and a part claiming an absurd number of parts', () => {
    const parts = textToParts(requestText());
    const session = new ScanSession();
    expect(() => session.receive(parts[0]!.slice(0, -6))).toThrow(/damaged or cut short/);
    expect(() => session.receive(`UR:BYTES/1-9/${'A'.repeat(9000)}`)).toThrow(/more than the 8000/);
    expect(() => session.receive(parts[0]!.replace(/\/1-\d+\//, '/1-99999999/'))).toThrow(/claims 99999999 parts/);
    expect(() => textToParts('x'.repeat(MAX_MESSAGE_BYTES + 1))).toThrow(/carry at most/);
    // None of that disturbed the session: the real parts still complete it.
    expect(feed(session, parts).at(-1)).toMatchObject({ done: true });
  });

  it('stays incomplete while fragments are missing', () => {
    const parts = textToParts(requestText());
    const steps = feed(new ScanSession(), parts.slice(0, 2));
    expect(steps.every((s) => !s.done)).toBe(true);
  });

  it('carries a message that fits one frame as a single part', async () => {
    const frames = await textToFrames('{"short":true}');
    expect(frames).toHaveLength(1);
    expect(feed(new ScanSession(), readFrames(frames)).at(-1)).toEqual({ done: true, text: '{"short":true}' });
  });
});
