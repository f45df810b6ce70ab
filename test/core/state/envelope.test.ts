import { describe, expect, it } from 'vitest';
import { nobleVerifier } from '../../../shared/core/crypto/index.ts';
import { Harness, outsider, signTx } from './helpers.ts';

const transfer = (to: Uint8Array, amount: bigint, memo = '') => ({ type: 'transfer' as const, to, amount, memo });

describe('transaction envelope checks', () => {
  it('accepts a well-formed transfer: fee and amount leave the sender, amount reaches the recipient, nonce advances', () => {
    const h = new Harness();
    const [a] = h.producers;
    const b = outsider(1);
    const before = h.view().account(a!.address);
    const result = h.apply(h.tx(a!, transfer(b.address, 500n, 'hello')));
    expect(result).toEqual({ ok: true, fee: h.params.minFee });
    const after = h.view().account(a!.address);
    expect(after.balance).toBe(before.balance - 500n - h.params.minFee);
    expect(after.nonce).toBe(1n);
    expect(h.view().account(b.address).balance).toBe(500n);
  });

  it('rejects a signature by another key, and a signature for another network', () => {
    const h = new Harness();
    const [a, b] = h.producers;
    const forged = { ...h.tx(a!, transfer(b!.address, 1n)), signature: h.tx(b!, transfer(b!.address, 1n)).signature };
    h.reject(forged, /the signature does not verify for the sender key on network "consortia-test"/);
    const otherNet = signTx(
      a!,
      { nonce: 0n, fee: h.params.minFee, expiryHeight: 100n, payload: transfer(b!.address, 1n) },
      'other-net',
    );
    h.reject(otherNet, /does not verify/);
    // The pure-JS verifier gives the same answer as OpenSSL.
    h.reject(forged, /does not verify/, { verifier: nobleVerifier });
  });

  it('accepts up to and including the expiry height, and rejects after it', () => {
    const h = new Harness();
    const [a, b] = h.producers;
    const tx = h.tx(a!, transfer(b!.address, 1n), { expiryHeight: 1n });
    h.reject(
      tx,
      'the transaction expired at height 1 and this block is at height 2; sign it again with a later expiry',
      { height: 2n },
    );
    expect(h.apply(tx, { height: 1n }).ok).toBe(true);
  });

  it('rejects a fee below the minimum and accepts exactly the minimum', () => {
    const h = new Harness();
    const [a, b] = h.producers;
    const min = h.params.minFee;
    h.reject(
      h.tx(a!, transfer(b!.address, 1n), { fee: min - 1n }),
      `the fee ${min - 1n} is below the network minimum ${min}; raise the fee and sign again`,
    );
    expect(h.apply(h.tx(a!, transfer(b!.address, 1n), { fee: min })).ok).toBe(true);
  });

  it('requires strictly sequential nonces and says which was expected', () => {
    const h = new Harness();
    const [a, b] = h.producers;
    h.reject(
      h.tx(a!, transfer(b!.address, 1n), { nonce: 1n }),
      'wrong nonce: expected 0, got 1 (an earlier transaction of this account is missing)',
    );
    const first = h.tx(a!, transfer(b!.address, 1n));
    expect(h.apply(first).ok).toBe(true);
    h.reject(first, 'wrong nonce: expected 1, got 0 (this nonce was already used)');
  });

  it('rejects when the balance cannot cover fee plus amount, and accepts the exact amount', () => {
    const h = new Harness();
    const [a] = h.producers;
    const poor = outsider(2);
    const fee = h.params.minFee;
    h.accept(a!, transfer(poor.address, fee + 10n));
    h.reject(
      h.tx(poor, transfer(a!.address, 11n)),
      `insufficient balance: 11 plus the fee ${fee} needs ${fee + 11n}, the account holds ${fee + 10n}`,
    );
    h.reject(
      h.tx(outsider(3), { type: 'withdraw' }),
      `insufficient balance: the fee ${fee} needs ${fee}, the account holds 0`,
    );
    expect(h.apply(h.tx(poor, transfer(a!.address, 10n))).ok).toBe(true);
    expect(h.view().account(poor.address).balance).toBe(0n);
  });

  it('rejects a zero transfer but accepts a transfer to oneself (only the fee is spent)', () => {
    const h = new Harness();
    const [a] = h.producers;
    h.reject(h.tx(a!, transfer(outsider(1).address, 0n)), 'the transfer amount is 0; send at least 1 unit');
    const before = h.view().account(a!.address).balance;
    h.accept(a!, transfer(a!.address, 100n));
    expect(h.view().account(a!.address).balance).toBe(before - h.params.minFee);
  });

  it('charges neither fee nor nonce when the payload is refused', () => {
    const h = new Harness();
    const stranger = outsider(4);
    h.accept(h.producers[0]!, transfer(stranger.address, 10_000n));
    h.reject(h.tx(stranger, { type: 'stake', amount: 5n }), 'only members may stake; apply for membership first');
    expect(h.view().account(stranger.address)).toMatchObject({ balance: 10_000n, nonce: 0n });
  });
});
