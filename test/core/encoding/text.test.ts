import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { text } from '../../../shared/core/encoding/index.ts';
import { nfcText } from './arbitraries.ts';
import { checkCanonical, fromHex, hex, rejects } from './canonical.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** A length prefix (lengths here stay below 128, so one byte) and the raw body. */
const framed = (body: Uint8Array): Uint8Array => Uint8Array.from([body.length, ...body]);

describe('text(maxBytes)', () => {
  const memo = text(64);

  it('round-trips NFC text within the byte budget', () => {
    expect(hex(memo.encode('hé'))).toBe('0368c3a9');
    checkCanonical(memo, nfcText(64), 200);
    checkCanonical(text(256), nfcText(256), 50);
  });

  it('counts bytes, not characters, against the maximum', () => {
    const four = text(4);
    expect(four.decodeOrThrow(framed(utf8('€a')))).toBe('€a');
    expect(() => four.encode('€€')).toThrow('string of 6 bytes exceeds the maximum of 4');
    expect(rejects(four, framed(utf8('€€')))).toBe('string of 6 bytes exceeds the maximum of 4 at offset 0');
  });

  it('rejects invalid UTF-8 at the start of the body', () => {
    const invalid = [
      '80', // lone continuation byte
      'c080', // overlong encoding of U+0000
      'e08080', // overlong 3-byte form
      'eda080', // UTF-8 encoded surrogate U+D800
      'f4908080', // above U+10FFFF
      'e282', // truncated sequence
      'ff',
    ];
    for (const h of invalid) expect(rejects(memo, framed(fromHex(h)))).toBe('invalid UTF-8 at offset 1');
  });

  it('rejects text not in NFC, whichever side it arrives from', () => {
    const decomposed = 'e\u0301'; // e + combining acute: NFC is é (U+00E9)
    expect(rejects(memo, framed(utf8(decomposed)))).toBe('string is not in Unicode NFC form at offset 0');
    expect(() => memo.encode(decomposed)).toThrow('string is not in Unicode NFC form');
    expect(memo.decodeOrThrow(framed(utf8('\u00e9')))).toBe('\u00e9');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 8 }), (s) => {
        const nfd = s.normalize('NFD');
        if (nfd === nfd.normalize('NFC') || utf8(nfd).length > 64) return;
        expect(rejects(memo, framed(utf8(nfd)))).toMatch(/not in Unicode NFC/);
      }),
    );
  });

  it('keeps a leading byte-order mark as a character (no silent stripping)', () => {
    const withBom = '\ufeffa';
    expect(hex(memo.encode(withBom))).toBe('04efbbbf61');
    expect(memo.decodeOrThrow(fromHex('04efbbbf61'))).toBe(withBom);
    expect(memo.decodeOrThrow(fromHex('0161'))).toBe('a');
  });

  it('refuses lone surrogates instead of encoding them as U+FFFD', () => {
    expect(() => memo.encode('a\ud800')).toThrow('string contains a lone surrogate');
    expect(() => memo.encode('\udc00b')).toThrow('string contains a lone surrogate');
    expect(hex(memo.encode('\ud83d\ude00'))).toBe('04f09f9880');
  });

  it('enforces a charset pattern with a readable reason', () => {
    const name = text(32, { pattern: /^[a-z0-9_.-]{1,32}$/, patternHint: 'use a-z 0-9 _ . -' });
    expect(name.decodeOrThrow(framed(utf8('node-1.eu_west')))).toBe('node-1.eu_west');
    expect(rejects(name, framed(utf8('Node1')))).toBe('invalid text "Node1": use a-z 0-9 _ . - at offset 0');
    expect(() => name.encode('')).toThrow('invalid text "": use a-z 0-9 _ . -');
    expect(() => name.encode('a b')).toThrow(/invalid text/);
  });

  it('refuses stateful (global or sticky) patterns at construction', () => {
    expect(() => text(8, { pattern: /a/g })).toThrow(/must not use the g or y flag/);
    expect(() => text(8, { pattern: /a/y })).toThrow(/must not use the g or y flag/);
  });

  it('refuses non-strings', () => {
    expect(() => memo.encode(5 as unknown as string)).toThrow('expected a string, got number');
  });
});
