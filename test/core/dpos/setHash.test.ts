import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { validatorSetHash, type ValidatorEntry } from '../../../shared/core/dpos/setHash.ts';
import { addr } from './helpers.ts';

const key = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const entry = (n: number): ValidatorEntry => ({ address: addr(n), consensusKey: key(n) });

describe('validatorSetHash', () => {
  it('hashes tag, count and fixed-size entries exactly as documented', () => {
    const tag = new TextEncoder().encode('consortia/validator-set/v1');
    const bytes = new Uint8Array([tag.length, ...tag, 0, 0, 0, 2, ...addr(1), ...key(1), ...addr(2), ...key(2)]);
    expect(validatorSetHash([entry(1), entry(2)])).toEqual(sha256(bytes));
  });

  it('is 32 bytes and changes with order, membership and keys', () => {
    const base = validatorSetHash([entry(1), entry(2)]);
    expect(base).toHaveLength(32);
    expect(validatorSetHash([entry(1), entry(2)])).toEqual(base);
    expect(validatorSetHash([entry(2), entry(1)])).not.toEqual(base);
    expect(validatorSetHash([entry(1)])).not.toEqual(base);
    expect(validatorSetHash([entry(1), { ...entry(2), consensusKey: key(9) }])).not.toEqual(base);
    expect(validatorSetHash([])).not.toEqual(validatorSetHash([entry(0)]));
  });

  it('rejects wrongly sized addresses and keys', () => {
    expect(() => validatorSetHash([{ address: new Uint8Array(19), consensusKey: key(1) }])).toThrow(/address/);
    expect(() => validatorSetHash([{ address: addr(1), consensusKey: new Uint8Array(33) }])).toThrow(/consensusKey/);
  });
});
