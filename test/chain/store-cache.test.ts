import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../chain/store/cache.ts';

const k = (n: number) => new Uint8Array([n >> 8, n & 255]);

describe('BoundedCache', () => {
  it('returns what was set, by key content', () => {
    const cache = new BoundedCache<string>(10);
    cache.set(k(1), 'one');
    expect(cache.get(new Uint8Array([0, 1]))).toBe('one');
    expect(cache.get(k(2))).toBeUndefined();
  });

  it('stays within its capacity, dropping the oldest tenth at once', () => {
    const cache = new BoundedCache<number>(100);
    for (let i = 0; i < 101; i++) cache.set(k(i), i);
    expect(cache.size).toBe(91);
    expect(cache.get(k(9))).toBeUndefined();
    expect(cache.get(k(10))).toBe(10);
    expect(cache.get(k(100))).toBe(100);
  });

  it('keeps an entry that was read recently', () => {
    const cache = new BoundedCache<number>(10);
    for (let i = 0; i < 10; i++) cache.set(k(i), i);
    expect(cache.get(k(0))).toBe(0); // now the newest
    cache.set(k(10), 10); // over capacity: the oldest (1) goes, 0 stays
    expect(cache.get(k(0))).toBe(0);
    expect(cache.get(k(1))).toBeUndefined();
  });

  it('replaces a value set again', () => {
    const cache = new BoundedCache<string>(10);
    cache.set(k(1), 'a');
    cache.set(k(1), 'b');
    expect(cache.get(k(1))).toBe('b');
    expect(cache.size).toBe(1);
  });
});
