/** An optional value: 0x00 for absent, 0x01 then the value; any other flag byte is rejected. */
import { makeCodec, type Codec } from './codec.ts';

/** Marks codecs whose struct fields become optional keys (`field?: T`). */
export type OptionalCodec<T> = Codec<T | undefined> & { readonly optional: true };

export function optional<T>(inner: Codec<T>): OptionalCodec<T> {
  // optional(optional(x)) would spell "absent" two ways (00 and 01 00).
  if ((inner as Partial<OptionalCodec<T>>).optional === true)
    throw new Error('optional(): the inner codec is already optional');
  const c = makeCodec<T | undefined>(
    (r) => {
      const start = r.offset;
      const flag = r.u8();
      if (flag === 0) return undefined;
      if (flag !== 1)
        r.fail(`invalid optional flag 0x${flag.toString(16).padStart(2, '0')} (expected 0x00 or 0x01)`, start);
      return inner.read(r);
    },
    (w, v) => {
      if (v === undefined) {
        w.u8(0);
        return;
      }
      w.u8(1);
      inner.write(w, v);
    },
  );
  return { ...c, optional: true };
}
