/**
 * Adds a rule a value must satisfy beyond its shape (a cross-field constraint, a minimum, an
 * ordering). Checked on both sides: `encode` throws, `decode` fails at the value's offset, so a
 * value breaking the rule has no encoding at all.
 */
import { makeCodec, type Codec, type Infer } from './codec.ts';

/** `check` returns undefined when the value is fine, or the reason it is not. */
export function refine<C extends Codec<unknown>>(codec: C, check: (value: Infer<C>) => string | undefined): C {
  const c = makeCodec<Infer<C>>(
    (r) => {
      const start = r.offset;
      const v = codec.read(r) as Infer<C>;
      const problem = check(v);
      if (problem !== undefined) r.fail(problem, start);
      return v;
    },
    (w, v) => {
      // Write first so shape errors (with their paths) win over the rule's message.
      codec.write(w, v);
      const problem = check(v);
      if (problem !== undefined) w.fail(problem);
    },
  );
  // Keep markers such as `fields` and `optional` so a refined struct still composes like one.
  return { ...codec, ...c };
}
