import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as T from '../../../shared/core/types/index.ts';
import * as A from './arbitraries.ts';
import { checkCanonical, hex, rejects } from './canonical.ts';

const fill = (n: number, byte: number): Uint8Array => new Uint8Array(n).fill(byte);
const header = (height: bigint, lastCommit?: T.CommitCertificate): T.BlockHeader => ({
  version: T.HEADER_VERSION,
  height,
  dposRound: 0n,
  timestamp: 1_700_000_000_000n,
  previousHash: fill(32, 1),
  producer: fill(20, 2),
  stateRoot: fill(32, 3),
  transactionRoot: fill(32, 4),
  validatorSetHash: fill(32, 5),
  nextValidatorSetHash: fill(32, 5),
  ...(lastCommit ? { lastCommit } : {}),
});
const commitFor = (height: bigint): T.CommitCertificate => ({
  height,
  round: 0,
  blockHash: fill(32, 9),
  signatures: [{ validatorIndex: 0, signature: fill(64, 8) }],
});

describe('block headers', () => {
  it('round-trip canonically', () => {
    checkCanonical(T.blockHeaderCodec, A.blockHeader, 80);
    checkCanonical(T.signedHeaderCodec, A.signedHeader, 40);
  });

  it('have a fixed-size prefix before the optional last commit', () => {
    // version 4, three u64s 24, previousHash 32, producer 20, four hashes 128, flag 1.
    expect(T.blockHeaderCodec.encode(header(1n)).length).toBe(209);
  });

  it('carry a last commit exactly from height 2, for the previous height', () => {
    expect(T.blockHeaderCodec.decodeOrThrow(T.blockHeaderCodec.encode(header(2n, commitFor(1n))))).toEqual(
      header(2n, commitFor(1n)),
    );
    expect(() => T.blockHeaderCodec.encode(header(2n))).toThrow('lastCommit is required at height 2');
    expect(() => T.blockHeaderCodec.encode(header(1n, commitFor(0n)))).toThrow('lastCommit must be absent at height 1');
    expect(() => T.blockHeaderCodec.encode(header(5n, commitFor(3n)))).toThrow(
      'lastCommit is for height 3, expected 4',
    );
    // From the wire: a height-2 header whose commit flag is cleared.
    const bytes = T.blockHeaderCodec.encode(header(2n, commitFor(1n))).subarray(0, 209);
    bytes[208] = 0;
    expect(rejects(T.blockHeaderCodec, bytes)).toBe('lastCommit is required at height 2 at offset 0');
  });

  it('hash the unsigned header only, so the signature cannot change a block id', () => {
    const h = header(1n);
    expect(hex(T.headerHash(h))).toBe(createHash('sha256').update(T.blockHeaderCodec.encode(h)).digest('hex'));
    const a: T.SignedHeader = { header: h, signature: fill(64, 1) };
    const b: T.SignedHeader = { header: h, signature: fill(64, 2) };
    expect(hex(T.headerHash(a.header))).toBe(hex(T.headerHash(b.header)));
    fc.assert(
      fc.property(A.blockHeader, A.blockHeader, (x, y) => {
        expect(hex(T.headerHash(x)) === hex(T.headerHash(y))).toBe(
          hex(T.blockHeaderCodec.encode(x)) === hex(T.blockHeaderCodec.encode(y)),
        );
      }),
      { numRuns: 30 },
    );
  });

  it('name the nested field when the last commit is malformed', () => {
    const bad = header(2n, { ...commitFor(1n), blockHash: fill(31, 0) });
    expect(() => T.blockHeaderCodec.encode(bad)).toThrow('lastCommit.blockHash: expected 32 bytes, got 31');
  });
});

describe('blocks', () => {
  it('round-trip canonically', () => {
    checkCanonical(T.blockCodec, A.block, 25);
  });

  it('bound the transaction count', () => {
    const signedTx = fc.sample(A.signedTransaction, 1)[0] as T.SignedTransaction;
    const block: T.Block = {
      header: { header: header(1n), signature: fill(64, 0) },
      transactions: Array.from({ length: T.MAX_BLOCK_TRANSACTIONS + 1 }, () => signedTx),
    };
    expect(() => T.blockCodec.encode(block)).toThrow('transactions: 10001 entries exceeds the maximum of 10000');
    const head = T.signedHeaderCodec.encode(block.header);
    // Count 10001 as a varint (91 4e) straight after the signed header.
    expect(rejects(T.blockCodec, Uint8Array.from([...head, 0x91, 0x4e]))).toBe(
      `transactions: 10001 entries exceeds the maximum of 10000 at offset ${head.length}`,
    );
  });
});
