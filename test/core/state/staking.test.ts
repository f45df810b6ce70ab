import { describe, expect, it } from 'vitest';
import { MAX_UNBONDING_ENTRIES } from '../../../shared/core/types/index.ts';
import { Harness, outsider } from './helpers.ts';

describe('stake', () => {
  it('moves balance into the pool for a member and adds to the total stake', () => {
    const h = new Harness();
    const m = h.members[0]!;
    const before = h.view().account(m.address);
    const totalBefore = h.view().totals().staked;
    h.accept(m, { type: 'stake', amount: 1000n });
    expect(h.view().account(m.address)).toMatchObject({
      staked: 1000n,
      balance: before.balance - 1000n - h.params.minFee,
    });
    expect(h.view().totals().staked).toBe(totalBefore + 1000n);
  });

  it('rejects non-members, zero amounts, and more than the balance', () => {
    const h = new Harness();
    const stranger = outsider(1);
    h.accept(h.producers[0]!, { type: 'transfer', to: stranger.address, amount: 100_000n, memo: '' });
    h.reject(h.tx(stranger, { type: 'stake', amount: 10n }), 'only members may stake; apply for membership first');
    const m = h.members[0]!;
    h.reject(h.tx(m, { type: 'stake', amount: 0n }), 'the stake amount is 0; stake at least 1 unit');
    const balance = h.view().account(m.address).balance;
    h.reject(h.tx(m, { type: 'stake', amount: balance }), /^insufficient balance: \d+ plus the fee/);
  });
});

describe('unstake', () => {
  it('moves unallocated stake to an unbonding entry releasing after the unbonding period', () => {
    const h = new Harness();
    const m = h.members[0]!;
    h.accept(m, { type: 'stake', amount: 1000n });
    h.accept(m, { type: 'unstake', amount: 400n });
    h.accept(m, { type: 'unstake', amount: 100n }); // same height: merged into one entry
    const release = h.height + h.params.unbondingPeriodBlocks;
    expect(h.view().account(m.address)).toMatchObject({
      staked: 500n,
      unbonding: [{ amount: 500n, releaseHeight: release }],
    });
  });

  it('refuses allocated stake, zero amounts, and a full unbonding queue', () => {
    const h = new Harness();
    const p = h.producers[0]!; // all of its stake is allocated to itself at genesis
    h.reject(
      h.tx(p, { type: 'unstake', amount: 1n }),
      /^only 0 of your stake \d+ is unallocated; withdraw votes from candidates before unstaking 1$/,
    );
    h.reject(h.tx(p, { type: 'unstake', amount: 0n }), 'the unstake amount is 0; unstake at least 1 unit');
    const m = h.members[0]!;
    h.accept(m, { type: 'stake', amount: 1000n });
    for (let i = 0; i < MAX_UNBONDING_ENTRIES; i++) {
      h.accept(m, { type: 'unstake', amount: 1n });
      h.height += 1n;
    }
    h.reject(
      h.tx(m, { type: 'unstake', amount: 1n }),
      `${MAX_UNBONDING_ENTRIES} unbonding entries are already pending; withdraw matured ones or wait for them to mature`,
    );
  });
});

describe('withdraw', () => {
  it('pays out matured entries only, from the release height on', () => {
    const h = new Harness();
    const m = h.members[0]!;
    h.accept(m, { type: 'stake', amount: 1000n });
    h.accept(m, { type: 'unstake', amount: 300n });
    const first = h.height + h.params.unbondingPeriodBlocks;
    h.height += 1n;
    h.accept(m, { type: 'unstake', amount: 200n });
    h.height = first - 1n;
    h.reject(
      h.tx(m, { type: 'withdraw' }),
      `nothing to withdraw yet: the first release is at height ${first} (now ${first - 1n})`,
    );
    h.height = first;
    const before = h.view().account(m.address).balance;
    h.accept(m, { type: 'withdraw' });
    const after = h.view().account(m.address);
    expect(after.balance).toBe(before + 300n - h.params.minFee);
    expect(after.unbonding).toEqual([{ amount: 200n, releaseHeight: first + 1n }]);
  });

  it('says so when there is nothing unbonding at all', () => {
    const h = new Harness();
    h.reject(h.tx(h.members[0]!, { type: 'withdraw' }), 'nothing to withdraw: the account has no unbonding stake');
  });
});
