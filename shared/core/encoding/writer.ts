import { withPath } from './path.ts';

/** Thrown by `encode` when a value lies outside its type (wrong length, out of range, unsorted…). */
export class EncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncodeError';
  }
}

/** A growable output buffer, tracking the field path for error messages. */
export class Writer {
  // Big enough for a typical transaction or vote without regrowing.
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  private length = 0;
  private readonly path: string[] = [];

  fail(message: string): never {
    throw new EncodeError(withPath(this.path, message));
  }

  enter(segment: string): void {
    this.path.push(segment);
  }

  leave(): void {
    this.path.pop();
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.reserve(1);
    this.buf[this.length++] = v;
  }

  u32(v: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, v, false);
    this.length += 4;
  }

  u64(v: bigint): void {
    this.reserve(8);
    this.view.setBigUint64(this.length, v, false);
    this.length += 8;
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }

  /** Empties the writer for another value (its buffer is kept); false if the buffer grew too big to keep. */
  reset(): boolean {
    this.length = 0;
    this.path.length = 0;
    return this.buf.length <= MAX_KEPT_BUFFER;
  }
}

/** Writers kept for reuse hold at most this much (a block body is encoded rarely; transactions often). */
const MAX_KEPT_BUFFER = 64 * 1024;
const MAX_SPARE_WRITERS = 8;
const spareWriters: Writer[] = [];

/**
 * Runs `write` on a writer from a small free list and returns the bytes written (a fresh copy). Encoding
 * thousands of small values per block then allocates only its result; a write that itself encodes another value
 * simply takes another writer, and a write that throws still returns its writer.
 */
export function withWriter(write: (w: Writer) => void): Uint8Array {
  const w = spareWriters.pop() ?? new Writer();
  try {
    write(w);
    return w.finish();
  } finally {
    if (w.reset() && spareWriters.length < MAX_SPARE_WRITERS) spareWriters.push(w);
  }
}
