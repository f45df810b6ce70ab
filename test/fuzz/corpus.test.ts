/**
 * The fuzz targets without the fuzzer: every committed corpus input replayed through its target (a regression
 * run of all the fuzzer has learned, and of every finding once fixed), and proof that the properties the
 * targets check do catch what they are meant to.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytes, makeCodec, varint, type Codec } from '../../shared/core/encoding/index.ts';
import { checkCodec, PropertyViolation } from '../../fuzz/targets/properties.ts';

const corpusRoot = path.resolve(import.meta.dirname, '../../fuzz/corpus');
const targets = readdirSync(corpusRoot);

describe('fuzz corpus replay', () => {
  it('has a corpus for every target', () => {
    const targetFiles = readdirSync(path.resolve(import.meta.dirname, '../../fuzz/targets')).filter(
      (f) => f !== 'properties.ts',
    );
    expect(targets.sort()).toEqual(targetFiles.map((f) => f.replace(/\.ts$/, '')).sort());
  });

  for (const target of targets) {
    it(`${target}: every corpus input gives a value or a clean refusal`, async () => {
      const { fuzz } = (await import(`../../fuzz/targets/${target}.ts`)) as { fuzz: (data: Uint8Array) => unknown };
      const files = readdirSync(path.join(corpusRoot, target));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const data = readFileSync(path.join(corpusRoot, target, file));
        try {
          await fuzz(data);
        } catch (e) {
          throw new Error(`fuzz/corpus/${target}/${file}: ${(e as Error).message}`, { cause: e });
        }
      }
    });
  }
});

describe('fuzz properties', () => {
  // A codec that reads a length but ignores the minimal-encoding rule, as a buggy decoder might.
  const lenient: Codec<number> = makeCodec(
    (r) => {
      let value = 0;
      for (let shift = 0; ; shift += 7) {
        const byte = r.u8();
        value |= (byte & 0x7f) << shift;
        if (byte < 0x80) return value;
      }
    },
    (w, value) => varint.write(w, value),
  );

  it('flag a decoder that accepts a non-canonical encoding', () => {
    expect(() => checkCodec('lenient', lenient, Uint8Array.of(0x05))).not.toThrow();
    expect(() => checkCodec('lenient', lenient, Uint8Array.of(0x85, 0x00))).toThrow(PropertyViolation);
  });

  it('accept a refusal with a reason and an offset inside the input', () => {
    expect(() => checkCodec('bytes', bytes(4), Uint8Array.of(9, 1, 2))).not.toThrow();
  });

  it('let an unexpected exception from a decoder escape as a finding', () => {
    const throwing: Codec<never> = makeCodec(
      () => {
        throw new TypeError('bug');
      },
      () => undefined,
    );
    expect(() => checkCodec('throwing', throwing, Uint8Array.of(1))).toThrow(TypeError);
  });
});
