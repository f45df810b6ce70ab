import { Buffer } from 'node:buffer';

/** Lowercase hex, the form peer ids and handshake fields use. */
export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Callers pass only strings already checked to be even-length lowercase hex. */
export function hexToBytes(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}
