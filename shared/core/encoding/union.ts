/**
 * Tagged unions: one u8 tag, then the variant's struct. Values are flat objects discriminated by
 * `type` (e.g. `{ type: 'transfer', to, amount, memo }`). Tags are given explicitly, never derived
 * from declaration order, so reordering source code cannot change the wire format.
 */
import { makeCodec, type Codec, type Infer } from './codec.ts';
import type { StructCodec } from './struct.ts';

type Variants = Record<string, readonly [tag: number, codec: StructCodec<object>]>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

export type UnionValue<V extends Variants> = {
  [K in keyof V & string]: Simplify<{ type: K } & Infer<V[K][1]>>;
}[keyof V & string];

function checkTags(tags: readonly number[], who: string): void {
  const seen = new Set<number>();
  for (const t of tags) {
    if (!Number.isInteger(t) || t < 0 || t > 0xff) throw new Error(`${who}: tag ${t} is not a u8`);
    if (seen.has(t)) throw new Error(`${who}: tag ${t} is used twice`);
    seen.add(t);
  }
}

const hex = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`;

export function taggedUnion<V extends Variants>(variants: V): Codec<UnionValue<V>> {
  const names = Object.keys(variants);
  checkTags(
    names.map((n) => (variants[n] as V[string])[0]),
    'taggedUnion()',
  );
  for (const n of names) {
    if ((variants[n] as V[string])[1].fields.includes('type'))
      throw new Error(`taggedUnion(): variant "${n}" has a field named "type"`);
  }
  const byTag = new Map(names.map((n) => [(variants[n] as V[string])[0], n]));
  return makeCodec<UnionValue<V>>(
    (r) => {
      const start = r.offset;
      const tag = r.u8();
      const name = byTag.get(tag);
      if (name === undefined) return r.fail(`unknown tag ${hex(tag)} (expected one of ${names.join(', ')})`, start);
      r.enter(`(${name})`);
      const body = (variants[name] as V[string])[1].read(r);
      r.leave();
      return { type: name, ...body } as UnionValue<V>;
    },
    (w, value) => {
      const name = (value as { type?: unknown } | null)?.type;
      const variant =
        typeof name === 'string' && Object.hasOwn(variants, name) ? (variants[name] as V[string]) : undefined;
      if (variant === undefined)
        return w.fail(`unknown type ${JSON.stringify(name)} (expected one of ${names.join(', ')})`);
      w.u8(variant[0]);
      w.enter(`(${name as string})`);
      variant[1].write(w, value);
      w.leave();
    },
  );
}

/** A closed set of names, each written as its u8 tag (e.g. vote types, statuses). */
export function enumeration<const E extends Record<string, number>>(tags: E): Codec<keyof E & string> {
  const names = Object.keys(tags);
  checkTags(Object.values(tags), 'enumeration()');
  const byTag = new Map(names.map((n) => [tags[n] as number, n]));
  return makeCodec<keyof E & string>(
    (r) => {
      const start = r.offset;
      const tag = r.u8();
      const name = byTag.get(tag);
      if (name === undefined) return r.fail(`unknown tag ${hex(tag)} (expected one of ${names.join(', ')})`, start);
      return name;
    },
    (w, v) => {
      if (typeof v !== 'string' || !Object.hasOwn(tags, v))
        w.fail(`unknown value ${JSON.stringify(v)} (expected one of ${names.join(', ')})`);
      w.u8(tags[v] as number);
    },
  );
}
