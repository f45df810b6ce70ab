import { withPath } from './path.ts';

/**
 * Internal signal for malformed input. It only travels from a reader up to `decode`, which turns
 * it into a `{ ok: false }` result; `message` already carries the field path and offset.
 */
export class ReadFailure extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'ReadFailure';
    this.offset = offset;
  }
}

/** A cursor over input bytes, tracking the field path for error messages. */
export class Reader {
  offset = 0;
  private readonly view: DataView;
  private readonly path: string[] = [];

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  /** Aborts the decode; the reason names the current field and the offset. */
  fail(message: string, at: number = this.offset): never {
    throw new ReadFailure(`${withPath(this.path, message)} at offset ${at}`, at);
  }

  /** Pushes a path segment; readers pair it with `leave` (a failure abandons the stack anyway). */
  enter(segment: string): void {
    this.path.push(segment);
  }

  leave(): void {
    this.path.pop();
  }

  private need(n: number): void {
    if (this.remaining < n) this.fail(`unexpected end of input: needed ${n} bytes, ${this.remaining} left`);
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.offset++] as number;
  }

  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.offset, false);
    this.offset += 4;
    return v;
  }

  u64(): bigint {
    this.need(8);
    const v = this.view.getBigUint64(this.offset, false);
    this.offset += 8;
    return v;
  }

  /** A copy, so decoded values never alias (and pin) the caller's input buffer. */
  take(n: number): Uint8Array {
    this.need(n);
    const out = this.bytes.slice(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
}
