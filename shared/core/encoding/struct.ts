/**
 * Structs: the fields' encodings concatenated in declaration order, with no names or tags.
 * Optional fields (see `optional`) become optional keys and are left off decoded objects when absent.
 */
import { makeCodec, type Codec, type Infer } from './codec.ts';

type Fields = Record<string, Codec<unknown>>;
type OptionalKeys<F> = { [K in keyof F]: F[K] extends { readonly optional: true } ? K : never }[keyof F];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

export type StructValue<F> = Simplify<
  { [K in Exclude<keyof F, OptionalKeys<F>>]: Infer<F[K]> } & {
    [K in OptionalKeys<F>]?: Exclude<Infer<F[K]>, undefined>;
  }
>;

/** A struct codec also lists its field names (tagged unions use them to reserve `type`). */
export type StructCodec<T> = Codec<T> & { readonly fields: readonly string[] };

export function struct<F extends Fields>(fields: F): StructCodec<StructValue<F>> {
  const names = Object.keys(fields);
  // Object key order is insertion order only for non-integer keys; the wire order must not depend on that subtlety.
  for (const n of names) if (/^\d+$/.test(n)) throw new Error(`struct(): field name "${n}" looks like an array index`);
  const entries = names.map((n) => [n, fields[n] as Codec<unknown>] as const);
  const c = makeCodec<StructValue<F>>(
    (r) => {
      const out: Record<string, unknown> = {};
      for (const [name, codec] of entries) {
        r.enter(name);
        const v = codec.read(r);
        r.leave();
        if (v !== undefined) out[name] = v;
      }
      return out as StructValue<F>;
    },
    (w, value) => {
      if (typeof value !== 'object' || value === null)
        w.fail(`expected an object, got ${value === null ? 'null' : typeof value}`);
      const record = value as Record<string, unknown>;
      for (const [name, codec] of entries) {
        w.enter(name);
        codec.write(w, record[name]);
        w.leave();
      }
    },
  );
  return { ...c, fields: names };
}
