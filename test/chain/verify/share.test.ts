import { afterAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync, sign } from 'node:crypto';
import type { SignatureVerifier } from '../../../shared/core/crypto/index.ts';
import { opensslVerifier } from '../../../shared/node/ed25519-openssl.ts';
import { CachingVerifier, VerifyPool, type VerifyItem } from '../../../chain/verify/index.ts';
import { ItemState, verifyUnclaimed } from '../../../chain/verify/batch.ts';

/** Signers with OpenSSL's own Ed25519 (thousands of signatures in a blink); the verifiers are what is under test. */
const signers = Array.from({ length: 8 }, () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  return { privateKey, publicKey: new Uint8Array(raw) };
});

/** `count` distinct signed 32-byte messages, each carrying its own index in its first four bytes. */
function signedItems(count: number): VerifyItem[] {
  return Array.from({ length: count }, (_, i) => {
    const message = new Uint8Array(32).fill(0x5a);
    new DataView(message.buffer).setUint32(0, i);
    const signer = signers[i % signers.length]!;
    return { message, publicKey: signer.publicKey, signature: new Uint8Array(sign(null, message, signer.privateKey)) };
  });
}

const indexOf = (item: VerifyItem) => new DataView(item.message.buffer, item.message.byteOffset, 4).getUint32(0);

function forge(items: VerifyItem[], at: readonly number[]): VerifyItem[] {
  return items.map((item, i) => {
    if (!at.includes(i)) return item;
    const signature = item.signature.slice();
    signature[10]! ^= 0x01;
    return { ...item, signature };
  });
}

/** OpenSSL, recording the index of every item the calling thread verified (and refusing to answer for `throwsAt`). */
function recordingVerifier(throwsAt: readonly number[] = []) {
  const seen: number[] = [];
  const verifier: SignatureVerifier = {
    verify(signature, message, publicKey) {
      const index = indexOf({ signature, message, publicKey });
      seen.push(index);
      if (throwsAt.includes(index)) throw new Error('simulated failure of the main-thread verifier');
      return opensslVerifier.verify(signature, message, publicKey);
    },
  };
  return { verifier, seen };
}

const COUNT = 2000;
const expected = (items: readonly VerifyItem[]) =>
  items.map((c) => opensslVerifier.verify(c.signature, c.message, c.publicKey));

describe('work sharing between the verification worker and the calling thread', () => {
  const pools: VerifyPool[] = [];
  afterAll(() => Promise.all(pools.map((p) => p.close())));
  function pool(fallback: SignatureVerifier): VerifyPool {
    const made = new VerifyPool({ size: 1, fallback });
    pools.push(made);
    return made;
  }

  it('uses both paths, each item exactly once, and refuses a forged signature in either half', async () => {
    const forged = [0, 1, COUNT / 2, COUNT - 2, COUNT - 1];
    const items = forge(signedItems(COUNT), forged);
    const { verifier, seen } = recordingVerifier();
    const shared = pool(verifier);
    expect(await shared.warmUp()).toBe(true);
    const before = shared.stats;

    const answers = await shared.verifyBatch(items);

    expect(answers).toEqual(expected(items));
    for (const i of forged) expect(answers[i]).toBe(false);
    const byWorker = shared.stats.items - before.items;
    const byCaller = shared.stats.shared - before.shared;
    expect(byWorker).toBeGreaterThan(0);
    expect(byCaller).toBeGreaterThan(0);
    expect(byWorker + byCaller).toBe(COUNT); // nobody verified an item twice, nobody skipped one
    expect(shared.stats.inline).toBe(before.inline);
    // The calling thread took a run from the back (so it refused the last forgeries itself), the worker the front.
    expect(seen).toEqual(Array.from({ length: byCaller }, (_, k) => COUNT - 1 - k));
    expect(seen).toContain(COUNT - 1);
    expect(seen).not.toContain(0);
  });

  it('fills a CachingVerifier exactly as verifying one by one does', async () => {
    const items = forge(signedItems(COUNT), [3, 700, COUNT - 5]);
    const viaPool = new CachingVerifier(opensslVerifier, COUNT * 2);
    const oneByOne = new CachingVerifier(opensslVerifier, COUNT * 2);
    const shared = pool(recordingVerifier().verifier);
    expect(await shared.warmUp()).toBe(true);

    expect(await viaPool.preverify(items, shared)).toBe(3);
    for (const item of items) oneByOne.verify(item.signature, item.message, item.publicKey);

    expect(viaPool.size).toBe(oneByOne.size);
    expect(viaPool.size).toBe(COUNT - 3);
    for (const item of items)
      expect(viaPool.has(item.signature, item.message, item.publicKey)).toBe(
        oneByOne.has(item.signature, item.message, item.publicKey),
      );
  });

  it('fails closed when the calling thread’s verifier throws', async () => {
    const items = signedItems(COUNT);
    const throwsAt = [COUNT - 1, COUNT - 3];
    const { verifier, seen } = recordingVerifier(throwsAt);
    const shared = pool(verifier);
    expect(await shared.warmUp()).toBe(true);
    const cache = new CachingVerifier(opensslVerifier, COUNT * 2);

    expect(await cache.preverify(items, shared)).toBe(throwsAt.length);

    for (const i of throwsAt) {
      expect(seen).toContain(i);
      expect(cache.has(items[i]!.signature, items[i]!.message, items[i]!.publicKey)).toBe(false);
    }
    expect(cache.size).toBe(COUNT - throwsAt.length);
  });

  it('finishes on the calling thread what a worker closed mid-batch left, with the same answers', async () => {
    const items = forge(signedItems(COUNT), [5, COUNT - 7]);
    const closing = pool(recordingVerifier().verifier);
    expect(await closing.warmUp()).toBe(true);

    const answers = closing.verifyBatch(items);
    await new Promise((resolve) => setImmediate(resolve));
    await closing.close();

    expect(await answers).toEqual(expected(items));
  });
});

describe('verifyUnclaimed', () => {
  const items = signedItems(10);
  const check = (item: VerifyItem) => opensslVerifier.verify(item.signature, item.message, item.publicKey);

  it('stops where the other side has claimed, from either end, so each item is verified once', () => {
    const states = new Uint8Array(new SharedArrayBuffer(items.length));
    expect(verifyUnclaimed(items, states, 9, -1, 3, check)).toEqual({ verified: 3, next: 6 });
    expect(verifyUnclaimed(items, states, 0, 1, items.length, check)).toEqual({ verified: 7, next: null });
    expect(verifyUnclaimed(items, states, 6, -1, 3, check)).toEqual({ verified: 0, next: null });
    expect([...states]).toEqual(Array(items.length).fill(ItemState.VALID));
  });

  it('records a forged signature, and a verifier that throws, as INVALID', () => {
    const states = new Uint8Array(new SharedArrayBuffer(items.length));
    const forged = forge(items, [2]);
    const throwing = (item: VerifyItem) => {
      if (indexOf(item) === 4) throw new Error('simulated failure');
      return check(item);
    };
    expect(verifyUnclaimed(forged, states, 0, 1, items.length, throwing).verified).toBe(items.length);
    expect(states[2]).toBe(ItemState.INVALID);
    expect(states[4]).toBe(ItemState.INVALID);
    expect(states.filter((s) => s === ItemState.VALID)).toHaveLength(items.length - 2);
  });
});
