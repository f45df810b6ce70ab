import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PoolJournal } from '../../chain/mempool/journal.ts';

const body = (n: number) => new Uint8Array(100 + n).fill(n);
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('pool journal (a real file)', () => {
  it('gives back what was appended, cuts a torn last record and keeps appending after it', () => {
    dir = mkdtempSync(join(tmpdir(), 'consortia-journal-'));
    const path = join(dir, 'pool-journal.bin');
    const first = PoolJournal.open(path);
    expect(first.recovered).toEqual([]);
    for (let i = 1; i <= 3; i++) expect(first.journal.append(`id${i}`, body(i))).toBe(true);
    first.journal.close();
    // As after a SIGKILL in the middle of the third write: only part of its record reached the file.
    truncateSync(path, statSync(path).size - 20);

    const second = PoolJournal.open(path);
    expect(second.recovered).toEqual([body(1), body(2)]);
    expect(second.tornBytes).toBe(8 + 103 - 20);
    second.journal.keepOnly(
      new Map([
        ['id1', body(1)],
        ['id2', body(2)],
      ]),
    );
    second.journal.append('id4', body(4));
    second.journal.close();
    expect(PoolJournal.open(path).recovered).toEqual([body(1), body(2), body(4)]);
  });

  it('a record whose check fails ends the journal there (garbage is never admitted)', () => {
    dir = mkdtempSync(join(tmpdir(), 'consortia-journal-'));
    const path = join(dir, 'pool-journal.bin');
    const { journal } = PoolJournal.open(path);
    journal.append('a', body(1));
    journal.close();
    appendFileSync(path, Buffer.from([0, 0, 0, 4, 1, 2, 3, 4, 9, 9, 9, 9]));
    expect(PoolJournal.open(path).recovered).toEqual([body(1)]);
  });

  it('is pruned as transactions leave the pool: rewritten when the dead outnumber the live, emptied when none is left', () => {
    dir = mkdtempSync(join(tmpdir(), 'consortia-journal-'));
    const path = join(dir, 'pool-journal.bin');
    const { journal } = PoolJournal.open(path);
    for (let i = 1; i <= 4; i++) journal.append(`id${i}`, body(i));
    const live = new Set(['id1', 'id2', 'id3']);
    journal.prune((id) => live.has(id));
    expect(journal.size).toBe(3);
    expect(readFileSync(path).length).toBe(4 * 8 + 101 + 102 + 103 + 104); // one dead of four: not yet rewritten
    live.delete('id1');
    live.delete('id2');
    journal.prune((id) => live.has(id));
    expect(readFileSync(path).length).toBe(8 + 103); // three dead, one live: rewritten
    live.clear();
    journal.prune((id) => live.has(id));
    expect(readFileSync(path).length).toBe(0);
    journal.close();
    expect(PoolJournal.open(path).recovered).toEqual([]);
  });
});
