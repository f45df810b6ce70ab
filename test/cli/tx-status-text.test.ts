import { describe, expect, it } from 'vitest';
import { describeStatus } from '../../cli/commands/tx/submit.ts';
import { txStatusSchema } from '../../cli/lib/rpc.ts';

const id = 'ab'.repeat(32);

describe('consortia tx status in words', () => {
  it('explains a transaction stuck behind a nonce gap: which nonce, how to fill it, and when it expires', () => {
    const status = txStatusSchema.parse({
      status: 'pending',
      nonce: '5',
      accountNonce: '3',
      expiryHeight: '120',
      waitingForNonce: '3',
    });
    const text = describeStatus(id, status);
    expect(text).toContain(`Transaction ${id} is pending, waiting for nonce 3`);
    expect(text).toContain('--nonce 3');
    expect(text).toContain('expires after height 120, and nothing is spent');
  });

  it('a plain pending, final and unknown transaction', () => {
    expect(
      describeStatus(
        id,
        txStatusSchema.parse({ status: 'pending', nonce: '3', accountNonce: '3', expiryHeight: '120' }),
      ),
    ).toBe(`Transaction ${id} is pending in the node's pool`);
    expect(describeStatus(id, txStatusSchema.parse({ status: 'unknown' }))).toMatch(/unknown to this node/);
    expect(
      describeStatus(
        id,
        txStatusSchema.parse({
          status: 'final',
          height: '9',
          blockHash: 'cd'.repeat(32),
          index: 0,
          count: 2,
          proof: [],
        }),
      ),
    ).toMatch(/final at height 9 .* transaction 1 of 2/);
  });
});
