/** Arrays: a varint count (checked against a maximum before any item is read) then the items. */
import { compareBytes } from './bytes.ts';
import { makeCodec, type Codec } from './codec.ts';
import { readVarint, writeVarint } from './varint.ts';

export function array<T>(item: Codec<T>, maxCount: number): Codec<T[]> {
  return makeCodec(
    (r) => {
      const start = r.offset;
      const count = readVarint(r);
      if (count > maxCount) r.fail(`${count} entries exceeds the maximum of ${maxCount}`, start);
      const out: T[] = [];
      for (let i = 0; i < count; i++) {
        r.enter(`[${i}]`);
        out.push(item.read(r));
        r.leave();
      }
      return out;
    },
    (w, v) => {
      if (!Array.isArray(v)) w.fail(`expected an array, got ${typeof v}`);
      if (v.length > maxCount) w.fail(`${v.length} entries exceeds the maximum of ${maxCount}`);
      writeVarint(w, v.length);
      v.forEach((x, i) => {
        w.enter(`[${i}]`);
        item.write(w, x);
        w.leave();
      });
    },
  );
}

/**
 * A set: entries strictly increasing by `key` (byte order), so no duplicates and one order.
 * The default key is the entry's own encoding; pass a key (e.g. the candidate address) when
 * entries must also be unique on part of their value.
 */
export function sortedSet<T>(
  item: Codec<T>,
  maxCount: number,
  key: (v: T) => Uint8Array = (v) => item.encode(v),
): Codec<T[]> {
  const list = array(item, maxCount);
  const reason = (i: number): string =>
    `entry [${i}] does not sort after entry [${i - 1}]: set entries must be strictly increasing, without duplicates`;
  return makeCodec(
    (r) => {
      const start = r.offset;
      const count = readVarint(r);
      if (count > maxCount) r.fail(`${count} entries exceeds the maximum of ${maxCount}`, start);
      const out: T[] = [];
      let previous: Uint8Array | undefined;
      for (let i = 0; i < count; i++) {
        const itemStart = r.offset;
        r.enter(`[${i}]`);
        const v = item.read(r);
        r.leave();
        const k = key(v);
        if (previous !== undefined && compareBytes(previous, k) >= 0) r.fail(reason(i), itemStart);
        previous = k;
        out.push(v);
      }
      return out;
    },
    (w, v) => {
      // Write first so malformed entries are reported with their path before keys are taken.
      list.write(w, v);
      for (let i = 1; i < v.length; i++) {
        if (compareBytes(key(v[i - 1] as T), key(v[i] as T)) >= 0) w.fail(reason(i));
      }
    },
  );
}
