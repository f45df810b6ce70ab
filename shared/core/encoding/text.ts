/**
 * UTF-8 strings with a byte-length limit. One text must have one encoding, so besides invalid
 * UTF-8 we reject strings not in Unicode NFC (else "é" precomposed and "e + ◌́" would be two
 * encodings of what a person reads as the same name). Caveat: NFC of code points unassigned in
 * the runtime's Unicode version may change in a later version, so all nodes should run the same
 * Node major; names that matter for consensus use an ASCII `pattern` and avoid the question.
 */
import { makeCodec, type Codec } from './codec.ts';
import { readVarint, writeVarint } from './varint.ts';

export interface TextOptions {
  /** Whole-string pattern the text must match (anchor it), e.g. a restricted charset. */
  pattern?: RegExp;
  /** Words for the error when `pattern` fails, e.g. "1-32 characters of a-z 0-9 _ . -". */
  patternHint?: string;
}

// ignoreBOM: a leading U+FEFF is kept as a character, not silently stripped (stripping it
// would give "\uFEFFa" and "a" the same decoded value and break uniqueness).
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function text(maxBytes: number, options: TextOptions = {}): Codec<string> {
  const { pattern, patternHint = pattern ? `must match ${String(pattern)}` : '' } = options;
  // A global or sticky RegExp keeps state between test() calls: the same input could pass once and fail the next time.
  if (pattern && (pattern.global || pattern.sticky)) throw new Error('text(): pattern must not use the g or y flag');
  const problem = (s: string): string | undefined => {
    if (s.normalize('NFC') !== s) return 'string is not in Unicode NFC form';
    if (pattern && !pattern.test(s)) return `invalid text ${JSON.stringify(s)}: ${patternHint}`;
    return undefined;
  };
  return makeCodec(
    (r) => {
      const start = r.offset;
      const length = readVarint(r);
      if (length > maxBytes) r.fail(`string of ${length} bytes exceeds the maximum of ${maxBytes}`, start);
      const bodyStart = r.offset;
      const raw = r.take(length);
      let s: string;
      try {
        s = decoder.decode(raw);
      } catch {
        return r.fail('invalid UTF-8', bodyStart);
      }
      const p = problem(s);
      if (p !== undefined) r.fail(p, start);
      return s;
    },
    (w, v) => {
      if (typeof v !== 'string') w.fail(`expected a string, got ${typeof v}`);
      // TextEncoder would silently turn a lone surrogate into U+FFFD; refuse instead.
      if (loneSurrogate.test(v)) w.fail('string contains a lone surrogate (not valid Unicode)');
      const p = problem(v);
      if (p !== undefined) w.fail(p);
      const raw = encoder.encode(v);
      if (raw.length > maxBytes) w.fail(`string of ${raw.length} bytes exceeds the maximum of ${maxBytes}`);
      writeVarint(w, raw.length);
      w.bytes(raw);
    },
  );
}
