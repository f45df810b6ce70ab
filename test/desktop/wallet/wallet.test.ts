import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { hexToBytes } from '@noble/hashes/utils.js';
import { addressBytes, encodeAddress } from '../../../shared/core/crypto/index.ts';
import { DEVNET_UNIT } from '../../../shared/core/genesis/index.ts';
import type { EventPayload } from '../../../shared/contract/ipc.ts';
import { final, submit } from '../../chain/net/tx-helpers.ts';
import { eventually } from '../light/helpers.ts';
import { PASSWORD, value as value_ } from '../vault/helpers.ts';
import { alterInclusionProof } from '../light/tampering.ts';
import { transactionCodec, type Transaction } from '../../../shared/core/types/index.ts';
import { failure, followedToFinal, startWalletWorld, value, type WalletWorld } from './helpers.ts';

/** Every transaction type the wallet builds, through the contract, on a real devnet with a real vault. */
describe('wallet.* channels on a real 4-producer devnet', { timeout: 300_000 }, () => {
  let world: WalletWorld;
  let accountId: string;
  let address: string;
  let payeeAddress: string;
  const events: EventPayload<'wallet.transaction'>[] = [];
  const funding = 50_000n * DEVNET_UNIT;
  const prefix = () => world.net.devnet.doc.addressPrefix;

  /** Prepares, submits and follows one intent of the vault account to final; returns the final record. */
  async function sendToFinal(intent: unknown, from = accountId) {
    const draft = await value(world, 'wallet.prepare', { accountId: from, intent });
    const submitted = await value(world, 'wallet.submit', { draftId: draft.draftId });
    expect(submitted.state).toBe('submitted');
    const done = await followedToFinal(world, submitted.txId);
    expect(done.verifiedAt!.height).toBeGreaterThan(draft.verifiedAt.height);
    return { draft, done };
  }

  beforeAll(async () => {
    world = await startWalletWorld();
    world.hub.listen((event, payload) => {
      if (event === 'wallet.transaction') events.push(payload as EventPayload<'wallet.transaction'>);
    });
    await value(world, 'vault.create', { password: PASSWORD });
    const phrase = await value(world, 'vault.createMnemonic', { label: 'Main' });
    accountId = phrase.account.id;
    address = phrase.account.address;
    payeeAddress = (await value(world, 'vault.addAccount', { mnemonicId: phrase.mnemonicId })).address;
    // The devnet funds only its own members, whose raw keys the vault does not hold: one of them pays the vault account.
    const node = world.net.nodes[0]!;
    const member = world.net.devnet.memberKeys[0]!;
    await final(
      node,
      await submit(node, member.accountSecretKey, {
        type: 'transfer',
        to: addressBytes(hexToBytes(phrase.account.publicKey!)),
        amount: funding,
        memo: 'funding',
      }),
      90_000,
    );
    await eventually(
      'the funding to be verified',
      async () => (await value(world, 'wallet.account', { address })).liquid === funding.toString(),
    );
  }, 240_000);

  afterAll(async () => {
    await world?.close();
  });

  it('shows the verified account', async () => {
    const view = await value(world, 'wallet.account', { address });
    expect(view).toMatchObject({
      address,
      liquid: funding.toString(),
      staked: '0',
      nonce: 0,
      isMember: false,
      exists: true,
    });
    expect(view.verifiedAt.height).toBeGreaterThan(0);
    const absent = await value(world, 'wallet.account', { address: payeeAddress });
    expect(absent).toMatchObject({ exists: false, liquid: '0' });
  });

  it('prepares a transfer from verified state, signs it in the vault, and follows it to final', async () => {
    const amount = 1_234n * DEVNET_UNIT;
    const draft = await value(world, 'wallet.prepare', {
      accountId,
      intent: { type: 'transfer', to: payeeAddress, amount: amount.toString(), memo: 'rent "May"' },
    });
    expect(draft).toMatchObject({
      accountId,
      from: address,
      type: 'transfer',
      nonce: 0,
      fee: world.net.devnet.doc.parameters.minFee.toString(),
    });
    expect(draft.expiryHeight).toBe(draft.verifiedAt.height + 600);
    expect(draft.summary).toEqual(
      expect.arrayContaining([
        { label: 'Network', value: world.net.devnet.doc.chainId },
        { label: 'From', value: address },
      ]),
    );
    expect(draft.summary.find((l) => l.label === 'Action')?.value).toContain(`to ${payeeAddress}`);

    const submitted = await value(world, 'wallet.submit', { draftId: draft.draftId });
    expect((await value(world, 'wallet.pending', {})).map((t) => t.txId)).toContain(submitted.txId);
    const done = await followedToFinal(world, submitted.txId);
    expect(done).toMatchObject({ txId: submitted.txId, from: address, type: 'transfer', state: 'final' });
    const proven = await world.light.transactionStatus(submitted.txId);
    expect(proven).toMatchObject({ status: 'final', blockHash: done.verifiedAt!.blockHash });
    expect(events.filter((e) => e.txId === submitted.txId).map((e) => e.state)).toEqual(
      expect.arrayContaining(['submitted', 'final']),
    );
    await eventually(
      'the payee to hold the amount',
      async () => (await value(world, 'wallet.account', { address: payeeAddress })).liquid === amount.toString(),
    );
    // A draft is used once.
    expect(await failure(world, 'wallet.submit', { draftId: draft.draftId })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('applies for membership; once the devnet members admit it, it stakes, votes and registers as a candidate', async () => {
    const { done: applied } = await sendToFinal({
      type: 'member.apply',
      name: 'Wallet Test Ltd',
      info: 'applies from the desktop wallet',
    });
    // Admission is the other members' decision: five of the six devnet members approve with their own keys.
    const node = world.net.nodes[0]!;
    const voters = [...world.net.devnet.producerKeys, ...world.net.devnet.memberKeys].slice(0, 5);
    const votes = await Promise.all(
      voters.map((k) =>
        submit(node, k.accountSecretKey, { type: 'member.vote', proposalId: hexToBytes(applied.txId), approve: true }),
      ),
    );
    for (const id of votes) await final(node, id, 90_000);
    await eventually(
      'the account to be a member',
      async () => (await value(world, 'wallet.account', { address })).isMember,
    );

    const stake = 20_000n * DEVNET_UNIT;
    await sendToFinal({ type: 'stake', amount: stake.toString() });
    await eventually(
      'the stake to show',
      async () => (await value(world, 'wallet.account', { address })).staked === stake.toString(),
    );

    const producer = encodeAddress(prefix(), world.net.devnet.producerKeys[0]!.address);
    await sendToFinal({
      type: 'vote',
      allocations: [{ candidate: producer, amount: (5_000n * DEVNET_UNIT).toString() }],
    });
    await eventually('the allocation to show', async () => {
      const view = await value(world, 'wallet.account', { address });
      return view.allocated === (5_000n * DEVNET_UNIT).toString() && view.allocations[0]?.name === 'producer-0';
    });
    // Target allocations: the wallet works out the change (here a decrease) from the verified ones.
    const lower = await value(world, 'wallet.prepare', {
      accountId,
      intent: { type: 'vote', allocations: [{ candidate: producer, amount: (3_000n * DEVNET_UNIT).toString() }] },
    });
    expect(lower.summary.find((l) => l.label === 'Action')?.value).toMatch(/take back 2000 CNS/);

    const consensusKey = await value(world, 'vault.generateConsensusKey', { label: 'my node' });
    await sendToFinal({
      type: 'candidate.register',
      name: 'wallet-test',
      consensusKey: { keyId: consensusKey.id },
      endpoint: 'ws://127.0.0.1:1/p2p',
    });
    const candidate = await world.light.candidate(address);
    expect(candidate.value).toMatchObject({ name: 'wallet-test', status: 'active' });
    expect(Buffer.from(candidate.value!.consensusKey).toString('hex')).toBe(consensusKey.publicKey);
  });

  it('unstakes, shows the unbonding with its release, and withdraws it once released', async () => {
    const amount = 1_000n * DEVNET_UNIT;
    const { done } = await sendToFinal({ type: 'unstake', amount: amount.toString() });
    const unbonding = (await value(world, 'wallet.account', { address })).unbonding;
    expect(unbonding).toEqual([
      {
        amount: amount.toString(),
        releaseHeight: done.verifiedAt!.height + Number(world.net.devnet.doc.parameters.unbondingPeriodBlocks),
        releaseAt: expect.any(Number),
      },
    ]);
    expect(await failure(world, 'wallet.prepare', { accountId, intent: { type: 'withdraw' } })).toMatchObject({
      code: 'REJECTED',
      message: expect.stringMatching(/nothing to withdraw yet/),
    });
    await eventually(
      'the unbonding to be released',
      async () => (await value(world, 'wallet.account', { address })).withdrawable === amount.toString(),
    );
    const before = BigInt((await value(world, 'wallet.account', { address })).liquid);
    await sendToFinal({ type: 'withdraw' });
    await eventually('the withdrawn stake in the balance', async () => {
      const view = await value(world, 'wallet.account', { address });
      return (
        view.unbonding.length === 0 && BigInt(view.liquid) === before + amount - world.net.devnet.doc.parameters.minFee
      );
    });
  });

  it('refuses a fee below the minimum, more than the balance, a used nonce, a locked vault and a watch-only account, each with a sentence', async () => {
    const transfer = (amount: bigint) => ({ type: 'transfer', to: payeeAddress, amount: amount.toString() });
    const lowFee = await failure(world, 'wallet.prepare', { accountId, intent: transfer(1n), fee: '1' });
    expect(lowFee).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/below the network minimum/) });

    const badName = await failure(world, 'wallet.prepare', {
      accountId,
      intent: {
        type: 'candidate.register',
        name: 'Bad Name!',
        consensusKey: { publicKey: '11'.repeat(32) },
        endpoint: 'ws://127.0.0.1:1/p2p',
      },
    });
    expect(badName).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/cannot be sent as it is/) });

    const tooMuch = await failure(world, 'wallet.prepare', { accountId, intent: transfer(funding * 10n) });
    expect(tooMuch).toMatchObject({ code: 'REJECTED', message: expect.stringMatching(/insufficient balance/) });
    const overStake = await failure(world, 'wallet.prepare', {
      accountId,
      intent: { type: 'vote', allocations: [{ candidate: address, amount: (funding * 2n).toString() }] },
    });
    expect(overStake.code).toBe('REJECTED');

    // Two drafts prepared before either is sent take the same nonce: the second can no longer be used.
    const first = await value(world, 'wallet.prepare', { accountId, intent: transfer(1n) });
    const second = await value(world, 'wallet.prepare', { accountId, intent: transfer(2n) });
    expect(second.nonce).toBe(first.nonce);
    const sent = await value(world, 'wallet.submit', { draftId: first.draftId });
    const usedNonce = await failure(world, 'wallet.submit', { draftId: second.draftId });
    expect(usedNonce).toMatchObject({
      code: 'REJECTED',
      message: expect.stringMatching(new RegExp(`Nonce ${first.nonce} is already used`)),
    });
    // The next draft counts the one on its way.
    expect((await value(world, 'wallet.prepare', { accountId, intent: transfer(3n) })).nonce).toBe(first.nonce + 1);
    await followedToFinal(world, sent.txId);
    // Once it is final, the stale draft is refused by the network itself.
    const stale = await failure(world, 'wallet.submit', { draftId: second.draftId });
    expect(stale).toMatchObject({ code: 'REJECTED', message: expect.stringMatching(/already used/) });

    const locked = await value(world, 'wallet.prepare', { accountId, intent: transfer(4n) });
    await value(world, 'vault.lock', {});
    expect(await failure(world, 'wallet.submit', { draftId: locked.draftId })).toMatchObject({ code: 'LOCKED' });
    await value(world, 'vault.unlock', { password: PASSWORD });

    // A watch-only address whose key is elsewhere: built from verified state (its key recovered from its own proven transaction), not signed here.
    const member = encodeAddress(prefix(), world.net.devnet.memberKeys[0]!.address);
    const watch = await value(world, 'vault.addWatchOnly', { address: member, label: 'Cold member' });
    const watchDraft = await value(world, 'wallet.prepare', { accountId: watch.id, intent: transfer(5n) });
    expect(watchDraft).toMatchObject({ from: member, nonce: 2 }); // it paid for the funding and voted on the admission
    expect(await failure(world, 'wallet.submit', { draftId: watchDraft.draftId })).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/watch-only.*offline signing/s),
    });
    const unknownKey = await value(world, 'vault.addWatchOnly', {
      address: encodeAddress(prefix(), new Uint8Array(20).fill(7)),
    });
    expect(await failure(world, 'wallet.prepare', { accountId: unknownKey.id, intent: transfer(5n) })).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/not sent a transaction yet/),
    });
  });

  it('lists history with every entry proven, page by page, and exports it as CSV', async () => {
    const all = await value(world, 'wallet.history', { address });
    const types = all.entries.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['transfer', 'member.apply', 'stake', 'vote', 'candidate.register']));
    expect(all.entries.every((e) => e.verification === 'verified')).toBe(true);
    expect(all.next).toBeUndefined();
    const incoming = all.entries.find((e) => e.direction === 'in')!;
    expect(incoming).toMatchObject({
      type: 'transfer',
      amount: funding.toString(),
      memo: 'funding',
      counterparty: encodeAddress(prefix(), world.net.devnet.memberKeys[0]!.address),
    });
    expect(incoming.time).toBeGreaterThan(0);

    const firstPage = await value(world, 'wallet.history', { address, limit: 2 });
    expect(firstPage.entries.map((e) => e.txId)).toEqual(all.entries.slice(0, 2).map((e) => e.txId));
    const secondPage = await value(world, 'wallet.history', { address, limit: 2, before: firstPage.next });
    expect(secondPage.entries.map((e) => e.txId)).toEqual(all.entries.slice(2, 4).map((e) => e.txId));

    // A memo someone else wrote that a spreadsheet would run as a formula, and one with quotes and a comma.
    const hostile = '=HYPERLINK("http://x","y")';
    const payeeKey = (await value(world, 'vault.status', {})).accounts.find((a) => a.address === payeeAddress)!;
    await sendToFinal({ type: 'transfer', to: address, amount: '7', memo: hostile }, payeeKey.id);

    const exported = await value(world, 'wallet.historyCsv', { address });
    const rows = parse(exported.csv, { columns: true }) as Record<string, string>[];
    const listed = await value(world, 'wallet.history', { address, limit: 500 });
    expect(exported.rows).toBe(listed.entries.length);
    expect(rows.map((r) => r.txId)).toEqual(listed.entries.map((e) => e.txId));
    expect(exported.csv.split('\r\n')[0]).toBe(
      '"time","height","position","txId","type","direction","counterparty","amount","fee","memo","verification"',
    );
    expect(rows.find((r) => r.memo!.includes('HYPERLINK'))?.memo).toBe(`'${hostile}`);
    expect(rows.find((r) => r.memo!.startsWith('rent'))).toMatchObject({
      direction: 'out',
      memo: 'rent "May"',
      counterparty: payeeAddress,
    });
    expect(rows.every((r) => r.verification === 'verified')).toBe(true);
    expect(exported.fileName).toMatch(new RegExp(`^consortia-history-${address}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const payeeCsv = parse((await value(world, 'wallet.historyCsv', { address: payeeAddress })).csv, {
      columns: true,
    }) as Record<string, string>[];
    expect(payeeCsv.find((r) => r.direction === 'in' && r.amount === (1_234n * DEVNET_UNIT).toString())).toMatchObject({
      memo: 'rent "May"',
      counterparty: address,
    });
  });

  it('marks a history entry failed when its inclusion proof does not check out', async () => {
    world.proxy.rewrite('tx.status', alterInclusionProof);
    const lied = await value(world, 'wallet.history', { address, limit: 1 });
    expect(lied.entries[0]).toMatchObject({ verification: 'failed' });
    world.proxy.clear();
    world.light.trustEndpointAgain(world.proxy.url);
    const honest = await value(world, 'wallet.history', { address, limit: 1 });
    expect(honest.entries[0]).toMatchObject({ txId: lied.entries[0]!.txId, verification: 'verified' });
  });

  it('builds for offline signing and follows a reply submitted with submitSigned; one that cannot get in expires', async () => {
    const built = await world.wallet.build(accountId, { type: 'transfer', to: payeeAddress, amount: '11' });
    const chainId = world.net.devnet.doc.chainId;
    const signOffline = (tx: Transaction) => ({
      tx,
      signature: value_(world.vault.vault.signTransactionBytes(accountId, chainId, transactionCodec.encode(tx))),
    });
    const tracked = await world.wallet.submitSigned(signOffline(built.transaction));
    expect(tracked).toMatchObject({ from: address, type: 'transfer', state: 'submitted' });
    await followedToFinal(world, tracked.txId);
    expect(await world.wallet.submitSigned(signOffline(built.transaction))).toMatchObject({
      txId: tracked.txId,
      state: 'final',
    });

    // A nonce gap keeps it out of every block until its expiry passes.
    const later = await world.wallet.build(accountId, { type: 'transfer', to: payeeAddress, amount: '12' });
    const stuck = {
      ...later.transaction,
      nonce: later.transaction.nonce + 5n,
      expiryHeight: world.net.nodes[0]!.chain.height() + 4n,
    };
    const waiting = await world.wallet.submitSigned(signOffline(stuck));
    await eventually(
      'the stuck transaction to expire',
      async () => (await value(world, 'wallet.transaction', { txId: waiting.txId })).state === 'expired',
    );
    const expired = await value(world, 'wallet.transaction', { txId: waiting.txId });
    expect(expired.reason).toMatch(new RegExp(`not included by height ${stuck.expiryHeight}`));
    expect(expired.verifiedAt).toBeUndefined();
    expect(events.filter((e) => e.txId === waiting.txId).map((e) => e.state)).toContain('expired');
    expect((await value(world, 'wallet.pending', {})).map((t) => t.txId)).not.toContain(waiting.txId);
  });

  it('keeps an address book, and remembers followed transactions after a restart', async () => {
    const member = encodeAddress(prefix(), world.net.devnet.memberKeys[1]!.address);
    expect(await value(world, 'wallet.contacts', {})).toEqual([]);
    expect(await value(world, 'wallet.saveContact', { address: member, label: 'Supplier' })).toEqual([
      { address: member, label: 'Supplier' },
    ]);
    await value(world, 'wallet.saveContact', { address: payeeAddress, label: 'Savings' });
    expect(await value(world, 'wallet.saveContact', { address: member, label: 'Main supplier' })).toEqual([
      { address: member, label: 'Main supplier' },
      { address: payeeAddress, label: 'Savings' },
    ]);
    expect(await failure(world, 'wallet.saveContact', { address: 'cdev1notanaddress', label: 'Typo' })).toMatchObject({
      code: 'VALIDATION',
    });
    expect(await value(world, 'wallet.removeContact', { address: member })).toEqual([
      { address: payeeAddress, label: 'Savings' },
    ]);
    expect(await failure(world, 'wallet.removeContact', { address: member })).toMatchObject({ code: 'NOT_FOUND' });

    const followed = events.find((e) => e.state === 'final')!;
    // Closed while a transaction is on its way: the next session follows it to final.
    const draft = await value(world, 'wallet.prepare', {
      accountId,
      intent: { type: 'transfer', to: payeeAddress, amount: '13' },
    });
    const inFlight = await value(world, 'wallet.submit', { draftId: draft.draftId });
    world.reopenWallet();
    await followedToFinal(world, inFlight.txId);
    expect(await value(world, 'wallet.transaction', { txId: followed.txId })).toMatchObject({
      state: 'final',
      verifiedAt: followed.verifiedAt,
    });
    expect(await value(world, 'wallet.contacts', {})).toEqual([{ address: payeeAddress, label: 'Savings' }]);
  });
});
