/**
 * The pool journal: transactions this node accepted from its own clients survive a restart of the node, so a
 * wallet that was told "submitted" is not let down by a crash before the transaction reached a peer.
 *
 * An append-only file beside the store. Each record is `length (u32 BE) ‖ check (first 4 bytes of
 * SHA-256 of the body) ‖ body (the signed transaction's bytes)`. A record is written with one write() before
 * the RPC answer, so a SIGKILL loses nothing (the kernel has it); the fdatasync for power loss follows within
 * SYNC_DELAY_MS, batched. On open, reading stops at the first record that is short or fails its check (a torn
 * last write) and the file is cut back to the whole records before it.
 *
 * Pruning is lazy: the node asks after each block which journaled transactions are still pooled; when the
 * dead ones (final, expired, dropped) outnumber the live ones the file is rewritten with only the live ones
 * (into a temporary file, then renamed), and emptied outright when none is left.
 */
import {
  closeSync,
  existsSync,
  fdatasync,
  fdatasyncSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';

export const MAX_JOURNAL_ENTRIES = 5000;
const MAX_RECORD_BYTES = 64 * 1024;
const HEADER_BYTES = 8;
const SYNC_DELAY_MS = 20;

const check = (body: Uint8Array) => createHash('sha256').update(body).digest().subarray(0, 4);

function record(body: Uint8Array): Buffer {
  const out = Buffer.alloc(HEADER_BYTES + body.length);
  out.writeUInt32BE(body.length, 0);
  check(body).copy(out, 4);
  out.set(body, HEADER_BYTES);
  return out;
}

/** The whole records of a journal file, and how many bytes they take (anything after is a torn tail). */
export function readJournal(bytes: Uint8Array): { bodies: Uint8Array[]; validBytes: number } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bodies: Uint8Array[] = [];
  let at = 0;
  while (at + HEADER_BYTES <= buf.length && bodies.length < MAX_JOURNAL_ENTRIES) {
    const length = buf.readUInt32BE(at);
    if (length === 0 || length > MAX_RECORD_BYTES || at + HEADER_BYTES + length > buf.length) break;
    const body = buf.subarray(at + HEADER_BYTES, at + HEADER_BYTES + length);
    if (!check(body).equals(buf.subarray(at + 4, at + HEADER_BYTES))) break;
    bodies.push(Uint8Array.from(body));
    at += HEADER_BYTES + length;
  }
  return { bodies, validBytes: at };
}

export class PoolJournal {
  /** Live records by transaction id, in the order written. */
  private readonly entries = new Map<string, Uint8Array>();
  private fd: number;
  private syncTimer: NodeJS.Timeout | null = null;
  /** Records in the file that are no longer live (rewritten away once they outnumber the live ones). */
  private deadRecords = 0;

  private constructor(readonly path: string) {
    this.fd = openSync(path, 'a');
  }

  /**
   * Opens (or creates) the journal and returns the transactions it holds; a torn last record is cut off.
   * The caller admits them again and then calls `keepOnly` with those the pool took back.
   */
  static open(path: string): { journal: PoolJournal; recovered: Uint8Array[]; tornBytes: number } {
    let recovered: Uint8Array[] = [];
    let tornBytes = 0;
    let validBytes = 0;
    if (existsSync(path)) {
      const contents = readFileSync(path);
      const read = readJournal(contents);
      recovered = read.bodies;
      validBytes = read.validBytes;
      tornBytes = contents.length - validBytes;
    }
    const journal = new PoolJournal(path);
    if (tornBytes > 0) ftruncateSync(journal.fd, validBytes);
    return { journal, recovered, tornBytes };
  }

  get size(): number {
    return this.entries.size;
  }

  /** Records a transaction the node just accepted (before the client hears so); false when the journal is full. */
  append(idHex: string, body: Uint8Array): boolean {
    if (this.entries.has(idHex)) return true;
    if (this.entries.size >= MAX_JOURNAL_ENTRIES) return false;
    writeSync(this.fd, record(body));
    this.entries.set(idHex, body);
    this.syncTimer ??= setTimeout(() => {
      this.syncTimer = null;
      fdatasync(this.fd, () => undefined);
    }, SYNC_DELAY_MS);
    return true;
  }

  /** After a block: forgets what is no longer pooled, and rewrites the file once the dead records outnumber the live ones. */
  prune(isLive: (idHex: string) => boolean): void {
    let dead = 0;
    for (const idHex of [...this.entries.keys()]) {
      if (isLive(idHex)) continue;
      this.entries.delete(idHex);
      dead++;
    }
    if (dead === 0) return;
    this.deadRecords += dead;
    if (this.entries.size === 0) {
      ftruncateSync(this.fd, 0);
      this.deadRecords = 0;
    } else if (this.deadRecords > this.entries.size) this.rewrite();
  }

  /** Keeps exactly these records (after the recovered ones were admitted again), rewriting the file. */
  keepOnly(live: ReadonlyMap<string, Uint8Array>): void {
    this.entries.clear();
    for (const [idHex, body] of live) this.entries.set(idHex, body);
    this.rewrite();
  }

  private rewrite(): void {
    const temporary = `${this.path}.tmp`;
    const fd = openSync(temporary, 'w');
    try {
      for (const body of this.entries.values()) writeSync(fd, record(body));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.path);
    closeSync(this.fd);
    this.fd = openSync(this.path, 'a');
    syncDirectory(dirname(this.path));
    this.deadRecords = 0;
  }

  close(): void {
    if (this.syncTimer) clearTimeout(this.syncTimer);
    fdatasyncSync(this.fd);
    closeSync(this.fd);
  }
}

/** The rename is durable only once the directory entry is on disk too. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  }
}
