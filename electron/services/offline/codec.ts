/**
 * Envelope text as animated QR frames (DESIGN §4): UTF-8 text → one BC-UR `bytes` message →
 * fountain-coded parts (`ur:bytes/<seq>-<count>/…`) → one QR picture per part, shown in a loop.
 * The receiving side feeds whatever parts the camera catches, in any order, into a ScanSession.
 *
 * Fragment length: 150 bytes per part. A part is then about 310 characters, written in capitals so
 * the QR code uses its alphanumeric mode (UR's bytewords alphabet fits it): QR version 10 at error
 * correction M, 57×57 modules, which phone and laptop cameras read quickly off a screen. A transfer
 * request of about 1 kB takes 7 fragments.
 */
import { UR, URDecoder, UREncoder } from '@ngraveio/bc-ur';
import QRCode from 'qrcode';
import { ServiceError } from '../errors.ts';

export const FRAGMENT_BYTES = 150;
/** Fountain parts may be as short as this when a message does not divide evenly. */
const MIN_FRAGMENT_BYTES = 10;
/** Larger than any request or reply the chain can carry (transactions stop at 64 KiB, hex doubles it). */
export const MAX_MESSAGE_BYTES = 256 * 1024;
/** The contract's limit on one scanned part. */
export const MAX_PART_CHARS = 8000;
/** A sequence longer than this is not ours; refusing it keeps the decoder's bookkeeping small. */
const MAX_SEQUENCE_LENGTH = Math.ceil(MAX_MESSAGE_BYTES / MIN_FRAGMENT_BYTES);
/** Enough to finish any honest scan many times over; past it a session is flooded, not scanning. */
const MAX_PARTS_PER_SESSION = 4 * MAX_SEQUENCE_LENGTH;
const UR_TYPE = 'bytes';

/** How many frames to loop: every fragment once, then as many fountain-mixed parts, so a missed frame is soon made up. */
export function frameCount(fragments: number): number {
  return fragments === 1 ? 1 : 2 * fragments;
}

/** The text as QR-ready UR parts (capitals, for the QR alphanumeric mode). */
export function textToParts(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length === 0) throw new ServiceError('VALIDATION', 'There is nothing to encode.');
  if (bytes.length > MAX_MESSAGE_BYTES)
    throw new ServiceError(
      'VALIDATION',
      `The text is ${bytes.length} bytes; QR frames carry at most ${MAX_MESSAGE_BYTES}.`,
    );
  const encoder = new UREncoder(UR.fromBuffer(bytes), FRAGMENT_BYTES, 0, MIN_FRAGMENT_BYTES);
  return Array.from({ length: frameCount(encoder.fragmentsLength) }, () => encoder.nextPart().toUpperCase());
}

/** One part as a QR picture: a PNG data URL the page can show (its CSP allows img-src data:). */
export function partToImage(part: string): Promise<string> {
  return QRCode.toDataURL(part, { errorCorrectionLevel: 'M', margin: 4, scale: 6 });
}

export interface Frame {
  part: string;
  image: string;
}

export async function textToFrames(text: string): Promise<Frame[]> {
  const parts = textToParts(text);
  return Promise.all(parts.map(async (part) => ({ part, image: await partToImage(part) })));
}

export type ScanProgress = { done: false; progress: number } | { done: true; text: string };

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Collects the parts of one message. Duplicates are harmless; a part of another message is refused
 * with a ServiceError (VALIDATION) and leaves what was collected untouched, so the person can keep scanning.
 */
export class ScanSession {
  private readonly decoder = new URDecoder();
  private parts = 0;
  private text: string | null = null;

  receive(rawPart: string): ScanProgress {
    if (this.text !== null) return { done: true, text: this.text };
    const part = rawPart.trim();
    if (part.length > MAX_PART_CHARS)
      throw new ServiceError(
        'VALIDATION',
        `This QR part is ${part.length} characters long, more than the ${MAX_PART_CHARS} a signing request or reply uses.`,
      );
    if (++this.parts > MAX_PARTS_PER_SESSION)
      throw new ServiceError(
        'VALIDATION',
        'Too many QR parts arrived without completing the message; start the scan again.',
      );
    const [type, components] = parsePart(part);
    if (type !== UR_TYPE)
      throw new ServiceError(
        'VALIDATION',
        `This QR code holds a "${type}" record, not a Consortia signing request or reply.`,
      );
    if (components.length === 2) checkSequence(components[0]!);
    let accepted: boolean;
    try {
      accepted = this.decoder.receivePart(part);
    } catch {
      throw new ServiceError(
        'VALIDATION',
        'This QR part is damaged or cut short (its checksum does not match); scan it again.',
      );
    }
    if (!accepted)
      throw new ServiceError(
        'VALIDATION',
        'This QR part belongs to a different animated QR code than the parts scanned so far. Finish scanning one code, or start again.',
      );
    if (this.decoder.isError())
      throw new ServiceError('VALIDATION', 'The scanned parts do not add up to a valid message; start the scan again.');
    if (!this.decoder.isComplete())
      return { done: false, progress: Math.min(0.99, this.decoder.estimatedPercentComplete()) };
    this.text = decodeMessage(this.decoder.resultUR());
    return { done: true, text: this.text };
  }
}

/** Text from a whole UR, or from a single-part one. */
function decodeMessage(ur: UR): string {
  const bytes = ur.decodeCBOR();
  if (bytes.length > MAX_MESSAGE_BYTES)
    throw new ServiceError(
      'VALIDATION',
      `The scanned message is ${bytes.length} bytes, more than the ${MAX_MESSAGE_BYTES} a request or reply can be.`,
    );
  try {
    return fatalUtf8.decode(bytes);
  } catch {
    throw new ServiceError(
      'VALIDATION',
      'The scanned message is not text; it is not a Consortia signing request or reply.',
    );
  }
}

function parsePart(part: string): [string, string[]] {
  try {
    return URDecoder.parse(part);
  } catch {
    throw new ServiceError(
      'VALIDATION',
      'This QR code is not a part of a Consortia signing request or reply (those start with "UR:BYTES/").',
    );
  }
}

function checkSequence(component: string): void {
  let count: number;
  try {
    [, count] = URDecoder.parseSequenceComponent(component) as [number, number];
  } catch {
    throw new ServiceError('VALIDATION', 'This QR part has a damaged sequence number; scan it again.');
  }
  if (!Number.isSafeInteger(count) || count > MAX_SEQUENCE_LENGTH) {
    throw new ServiceError(
      'VALIDATION',
      `This QR code claims ${count} parts; a signing request or reply has at most ${MAX_SEQUENCE_LENGTH}, so it is not one.`,
    );
  }
}
