// The consensus-critical property of the OpenSSL SHA-256 that Node entry points install (shared/node/sha256.ts):
// it gives the pure-JS hash's bytes on every input, so a node hashing with either computes the same ids, digests
// and state roots. Also: what installSha256 refuses, and that sha256() really uses what was installed.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  installSha256,
  pureSha256,
  resetSha256,
  sha256,
  SigningDomain,
  signingDigest,
} from '../../../shared/core/crypto/index.ts';
import { MemoryNodeStore, SparseMerkleTree, txRoot } from '../../../shared/core/merkle/index.ts';
import { opensslSha256 } from '../../../shared/node/sha256.ts';
import { bytesToHex } from './ed25519-fixtures.ts';

// Importing shared/node/sha256.ts installed OpenSSL's; each test starts from the pure one.
afterEach(() => resetSha256());

/** Around SHA-256's padding edges: 55 bytes still fit one block with the length, 56 do not, 64 fill it. */
const EDGE_LENGTHS = [0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 129];

const hex = (bytes: Uint8Array): string => bytesToHex(bytes);

describe('OpenSSL SHA-256 against the pure-JS one', () => {
  it('agree on random inputs of 0 to 5000 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 5000 }), (input) => {
        expect(hex(opensslSha256(input))).toBe(hex(pureSha256(input)));
      }),
      { numRuns: 400 },
    );
  });

  it('agree on random inputs at every padding edge length', () => {
    for (const length of EDGE_LENGTHS) {
      fc.assert(
        fc.property(fc.uint8Array({ minLength: length, maxLength: length }), (input) => {
          expect(hex(opensslSha256(input))).toBe(hex(pureSha256(input)));
        }),
        { numRuns: 50 },
      );
    }
  });

  it('agree on views into a larger buffer and on Buffers', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 600 }), fc.nat(), fc.nat(), (backing, a, b) => {
        const start = a % backing.length;
        const end = start + (b % (backing.length - start + 1));
        const view = backing.subarray(start, end);
        expect(hex(opensslSha256(view))).toBe(hex(pureSha256(view.slice())));
        expect(hex(opensslSha256(Buffer.from(view)))).toBe(hex(pureSha256(view.slice())));
      }),
      { numRuns: 200 },
    );
  });

  it('matches the FIPS 180-2 test vectors', () => {
    const utf8 = (s: string) => new TextEncoder().encode(s);
    expect(hex(opensslSha256(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(opensslSha256(new Uint8Array(0)))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(hex(opensslSha256(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('returns a plain Uint8Array of its own, so slice() copies as core expects', () => {
    const digest = opensslSha256(Uint8Array.of(1, 2, 3));
    expect(Object.getPrototypeOf(digest)).toBe(Uint8Array.prototype);
    expect(digest.byteLength).toBe(32);
    expect(digest.buffer.byteLength).toBe(32);
    const copy = digest.slice(0, 20);
    copy[0] = digest[0]! ^ 0xff;
    expect(copy[0]).not.toBe(digest[0]);
    expect(opensslSha256(Uint8Array.of(1, 2, 3))).not.toBe(digest); // a fresh array every call
  });
});

describe('installSha256', () => {
  it('routes sha256() through the installed implementation until reset', () => {
    let calls = 0;
    installSha256((bytes) => {
      calls++;
      return opensslSha256(bytes);
    });
    const before = calls;
    expect(hex(sha256(Uint8Array.of(7)))).toBe(hex(pureSha256(Uint8Array.of(7))));
    expect(calls).toBe(before + 1);
    resetSha256();
    sha256(Uint8Array.of(7));
    expect(calls).toBe(before + 1);
  });

  it('refuses an implementation that differs at a padding edge, and keeps the current one', () => {
    let calls = 0;
    const wrongAt56 = (bytes: Uint8Array) => {
      calls++;
      const digest = pureSha256(bytes);
      if (bytes.length === 56) digest[31] = digest[31]! ^ 1;
      return digest;
    };
    expect(() => installSha256(wrongAt56)).toThrow(/different hash for 56 input bytes/);
    const afterCheck = calls;
    sha256(new Uint8Array(56));
    expect(calls).toBe(afterCheck); // not installed
  });

  it('refuses an implementation that returns Buffers (their slice() does not copy)', () => {
    expect(() =>
      installSha256((bytes) => Buffer.from(pureSha256(bytes)) as unknown as Uint8Array<ArrayBuffer>),
    ).toThrow(/plain 32-byte Uint8Array/);
  });

  it('gives the same signing digests, transaction root and state root with either implementation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 40 }),
        fc.uint8Array({ maxLength: 400 }),
        (ids, body) => {
          const compute = () => {
            const tree = new SparseMerkleTree(new MemoryNodeStore());
            const update = tree.update(
              new Uint8Array(32),
              ids.map((key, i) => ({ key, valueHash: sha256(Uint8Array.of(i)) })),
            );
            return [
              hex(signingDigest(SigningDomain.TRANSACTION, 'consortia-test', body)),
              hex(txRoot(ids)),
              hex(update.root),
            ];
          };
          resetSha256();
          const pure = compute();
          installSha256(opensslSha256);
          expect(compute()).toEqual(pure);
        },
      ),
      { numRuns: 60 },
    );
  });
});
