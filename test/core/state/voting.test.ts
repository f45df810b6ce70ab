import { describe, expect, it } from 'vitest';
import { compareBytes } from '../../../shared/core/encoding/index.ts';
import { Harness, outsider } from './helpers.ts';

const change = (candidate: Uint8Array, amount: bigint, increase = true) => ({ candidate, increase, amount });

describe('vote', () => {
  it('allocates stake and moves each candidate weight by the same amount', () => {
    const h = new Harness();
    const m = h.members[0]!;
    const [p0, p1] = h.producers;
    h.accept(m, { type: 'stake', amount: 1000n });
    const w0 = h.view().candidate(p0!.address)!.voteWeight;
    const w1 = h.view().candidate(p1!.address)!.voteWeight;
    const changes = [change(p0!.address, 600n), change(p1!.address, 400n)].sort((a, b) =>
      compareBytes(a.candidate, b.candidate),
    );
    h.accept(m, { type: 'vote', changes });
    expect(h.view().candidate(p0!.address)!.voteWeight).toBe(w0 + 600n);
    expect(h.view().candidate(p1!.address)!.voteWeight).toBe(w1 + 400n);
    h.accept(m, { type: 'vote', changes: [change(p0!.address, 600n, false)] });
    expect(h.view().candidate(p0!.address)!.voteWeight).toBe(w0);
    expect(h.view().account(m.address).votes).toEqual([{ candidate: p1!.address, amount: 400n }]);
  });

  it('rejects allocations above the stake and withdrawals above the allocation', () => {
    const h = new Harness();
    const m = h.members[0]!;
    const p = h.producers[0]!.address;
    h.accept(m, { type: 'stake', amount: 100n });
    h.reject(h.tx(m, { type: 'vote', changes: [change(p, 101n)] }), 'would allocate 101 but only 100 is staked');
    h.reject(
      h.tx(m, { type: 'vote', changes: [change(p, 1n, false)] }),
      /^cannot withdraw 1 from candidate 0x[0-9a-f]{40}: only 0 allocated$/,
    );
  });

  it('keeps an account to at most 10 candidates across transactions', () => {
    const h = new Harness({ producers: 11 });
    const m = h.members[0]!;
    h.accept(m, { type: 'stake', amount: 100n });
    const targets = h.producers.map((p) => p.address).sort(compareBytes);
    h.accept(m, { type: 'vote', changes: targets.slice(0, 10).map((c) => change(c, 1n)) });
    h.reject(h.tx(m, { type: 'vote', changes: [change(targets[10]!, 1n)] }), '11 candidates; at most 10');
  });

  it('names the candidate in bech32 when the network prefix is known', () => {
    const h = new Harness();
    const m = h.members[0]!;
    h.accept(m, { type: 'stake', amount: 100n });
    h.reject(
      h.tx(m, { type: 'vote', changes: [change(outsider(1).address, 1n)] }),
      /^cdev1[a-z0-9]+ is not a registered candidate$/,
      { addressPrefix: 'cdev' },
    );
  });

  it('refuses votes for resigned and tombstoned candidates but lets voters withdraw from them', () => {
    const h = new Harness();
    const m = h.members[0]!;
    const p = h.producers[1]!;
    h.accept(m, { type: 'stake', amount: 100n });
    h.accept(m, { type: 'vote', changes: [change(p.address, 50n)] });
    h.accept(p, { type: 'candidate.resign' });
    h.reject(
      h.tx(m, { type: 'vote', changes: [change(p.address, 1n)] }),
      /^candidate 0x[0-9a-f]{40} is resigned and cannot receive votes$/,
    );
    h.accept(m, { type: 'vote', changes: [change(p.address, 50n, false)] });
    expect(h.view().account(m.address).votes).toEqual([]);
  });
});
