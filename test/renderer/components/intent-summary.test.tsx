// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { INTENT_KINDS, PAYLOAD_KINDS, type IntentKindName } from '../../../shared/contract/kinds.ts';
import { IntentSummary } from '../../../renderer/src/components/IntentSummary.tsx';
import type { Draft, Intent } from '../../../renderer/src/components/TransactionFlow.tsx';
import { BridgeProvider } from '../../../renderer/src/data/BridgeContext.tsx';
import { createQueryClient } from '../../../renderer/src/data/queries.ts';
import { locales, translate, type Locale } from '../../../renderer/src/i18n/catalogue.ts';
import { I18nProvider } from '../../../renderer/src/i18n/I18nProvider.tsx';
import { answer, fakeMain } from './fake-bridge.ts';
import { accountView, ADDRESS_1, ADDRESS_2, HASH, vaultStatus } from './fixtures.ts';

afterEach(cleanup);

/** One intent of every kind the page can send, as its form would. */
const samples: { [K in IntentKindName]: Extract<Intent, { type: K }> } = {
  transfer: { type: 'transfer', to: ADDRESS_2, amount: '5000000', memo: 'rent' },
  stake: { type: 'stake', amount: '5000000' },
  unstake: { type: 'unstake', amount: '5000000' },
  withdraw: { type: 'withdraw' },
  vote: { type: 'vote', allocations: [{ candidate: ADDRESS_2, amount: '3000000' }] },
  'candidate.register': {
    type: 'candidate.register',
    name: 'node-a',
    consensusKey: { publicKey: 'cd'.repeat(32) },
    endpoint: 'http://203.0.113.7:26657',
  },
  'candidate.update': { type: 'candidate.update', endpoint: 'http://203.0.113.8:26657' },
  'candidate.resign': { type: 'candidate.resign' },
  'candidate.unjail': { type: 'candidate.unjail' },
  'member.apply': { type: 'member.apply', name: 'Acme Ltd', info: 'A bank in Basel' },
  'member.vote': { type: 'member.vote', proposalId: HASH, approve: false },
  'member.proposeRemoval': { type: 'member.proposeRemoval', member: ADDRESS_2 },
  'member.proposeParameter': { type: 'member.proposeParameter', name: 'minFee', value: '10' },
};

const draft = (type: string): Draft => ({
  draftId: 'd1',
  accountId: 'a1',
  from: ADDRESS_1,
  type,
  nonce: 3,
  fee: '1000',
  expiryHeight: 1260,
  summary: [],
  verifiedAt: { height: 1200, blockHash: HASH },
});

function renderSummary(intent: Intent, locale: Locale = 'en') {
  const main = fakeMain({
    'vault.status': () => answer(vaultStatus()),
    'wallet.account': () => answer(accountView()),
    'wallet.contacts': () => answer([{ address: ADDRESS_2, label: 'Landlord' }]),
    'vault.consensusKeys': () => answer([{ id: 'k1', label: 'rack 4 server', publicKey: 'ef'.repeat(32) }]),
  });
  render(
    <BridgeProvider bridge={main.bridge}>
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider locale={locale}>
          <IntentSummary intent={intent} draft={draft(intent.type)} />
        </I18nProvider>
      </QueryClientProvider>
    </BridgeProvider>,
  );
  return screen.getByTestId('review-facts');
}

/** The review list as label → value pairs. */
function facts(list: HTMLElement): Record<string, string> {
  const labels = within(list).getAllByRole('term');
  return Object.fromEntries(labels.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent ?? '']));
}

describe('IntentSummary: every kind reads from its module’s description', () => {
  for (const locale of locales)
    it(`names every kind and labels every field it has, in ${locale}`, () => {
      for (const sample of Object.values(samples)) {
        const list = renderSummary(sample, locale);
        const action = within(list).getByTestId('review-action').textContent ?? '';
        expect(action, sample.type).not.toBe('');
        expect(list.textContent, sample.type).not.toMatch(/\b(kind|review\.field)\./);
        for (const [field, value] of Object.entries(sample)) {
          if (field === 'type') continue;
          // Said by the action line, or in a row of its own.
          const row = within(list).queryByTestId(`review-field-${field}`);
          if (row === null) expect(['amount', 'allocations', 'name']).toContain(field);
          else if (typeof value === 'string' && field !== 'to' && field !== 'member')
            expect(row).toHaveTextContent(value);
        }
        cleanup();
      }
    });

  it('keeps the special words where they say more, and lists the rest of the fields', async () => {
    const transferList = renderSummary(samples.transfer);
    await within(transferList).findByText('Landlord'); // the address book's name for the recipient
    const transfer = facts(transferList);
    expect(transfer).toMatchObject({ Action: 'Send 5 CNS', Memo: 'rent' });
    expect(transfer.To).toContain(ADDRESS_2);
    expect(transfer.To).toContain('Landlord');
    expect(transfer).not.toHaveProperty('Amount');
    cleanup();

    expect(facts(renderSummary(samples['member.vote']))).toMatchObject({
      Action: 'Membership vote',
      Proposal: HASH,
      Approve: 'No',
    });
    cleanup();
    expect(facts(renderSummary(samples['member.apply']))).toMatchObject({
      Action: 'Membership application',
      Name: 'Acme Ltd',
      About: 'A bank in Basel',
    });
    cleanup();
    expect(facts(renderSummary(samples['member.proposeParameter']))).toMatchObject({
      Action: 'Membership proposal',
      Name: 'minFee',
      'New value': '10',
    });
    cleanup();
    const update = facts(renderSummary(samples['candidate.update']));
    expect(update).toMatchObject({ Action: 'Update candidate', Endpoint: 'http://203.0.113.8:26657' });
    expect(update).not.toHaveProperty('Consensus key');
    cleanup();
    expect(facts(renderSummary(samples['candidate.register']))).toMatchObject({
      Action: 'Register as a producer candidate named node-a',
      'Consensus key': 'cd'.repeat(32),
      Endpoint: 'http://203.0.113.7:26657',
    });
    cleanup();
    // A key kept in the vault reads as its label and the public key the chain will hold, not the vault's id.
    const keptKey = renderSummary({ ...samples['candidate.register'], consensusKey: { keyId: 'k1' } });
    await within(keptKey).findByText('rack 4 server');
    expect(facts(keptKey)['Consensus key']).toBe(`rack 4 server${'ef'.repeat(32)}`);
    cleanup();
    expect(facts(renderSummary(samples['candidate.resign'])).Action).toBe('Resign candidacy');
    cleanup();
    expect(facts(renderSummary(samples['member.vote'], 'zh-CN'))).toMatchObject({ 操作: '成员投票', 是否赞成: '否' });
  });
});

describe('kind names: every payload kind the modules name has words in every language', () => {
  it('names each kind differently in each language, none as its raw type', () => {
    for (const locale of locales) {
      const names = PAYLOAD_KINDS.map((kind) => translate(locale, `kind.${kind}` as const));
      for (const [i, name] of names.entries()) expect(name, PAYLOAD_KINDS[i]).not.toMatch(/^kind\.|^$/);
      expect(new Set(names).size, locale).toBe(names.length);
    }
    expect(Object.keys(INTENT_KINDS).sort()).toEqual(Object.keys(samples).sort());
  });
});
