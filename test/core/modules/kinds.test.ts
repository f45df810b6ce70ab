import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { INTENT_KINDS, PAYLOAD_KINDS, type IntentKindName } from '../../../shared/contract/kinds.ts';
import { rpcResults } from '../../../shared/contract/rpc-results.ts';
import { intent as walletIntent } from '../../../shared/contract/schemas/wallet.ts';
import { intentSchema } from '../../../shared/core/modules/intent-schemas.ts';
import { buildPayload, PAYLOAD_RULES, type Intent, type IntentContext } from '../../../shared/core/modules/index.ts';
import { payloadCodec } from '../../../shared/core/types/index.ts';

/** The codec's variants, in tag order, as its unknown-tag error lists them. */
function codecTags(): string[] {
  const decoded = payloadCodec.decode(Uint8Array.of(0xff));
  if (decoded.ok) throw new Error('0xff decoded');
  return /expected one of ([^)]*)\)/.exec(decoded.error.reason)![1]!.split(', ');
}

const one = new Uint8Array(20).fill(1);
const key = new Uint8Array(32).fill(7);
const ctx: IntentContext = {
  address: () => one,
  amount: (text) => BigInt(text),
  consensusKey: () => key,
  votes: [],
};

/** One intent of every kind a person may give, as the page sends it. */
const samples: { [K in IntentKindName]: Extract<Intent, { type: K }> } = {
  transfer: { type: 'transfer', to: 'one', amount: '5', memo: 'rent' },
  stake: { type: 'stake', amount: '5' },
  unstake: { type: 'unstake', amount: '5' },
  withdraw: { type: 'withdraw' },
  vote: { type: 'vote', allocations: [{ candidate: 'one', amount: '3' }] },
  'candidate.register': { type: 'candidate.register', name: 'node-a', consensusKey: { keyId: 'k1' }, endpoint: 'a:1' },
  'candidate.update': { type: 'candidate.update', endpoint: 'b:2' },
  'candidate.resign': { type: 'candidate.resign' },
  'candidate.unjail': { type: 'candidate.unjail' },
  'member.apply': { type: 'member.apply', name: 'Acme', info: 'a bank' },
  'member.vote': { type: 'member.vote', proposalId: 'ab'.repeat(32), approve: true },
  'member.proposeRemoval': { type: 'member.proposeRemoval', member: 'one' },
  'member.proposeParameter': { type: 'member.proposeParameter', name: 'minFee', value: '10' },
};

describe('transaction kinds: the modules describe them once', () => {
  it('names exactly the codec’s payload tags, in tag order, and each has a rule', () => {
    expect([...PAYLOAD_KINDS]).toEqual(codecTags());
    expect(Object.keys(PAYLOAD_RULES).sort()).toEqual([...PAYLOAD_KINDS].sort());
  });

  it('the node’s decoded block payloads accept exactly these kinds', () => {
    const block = (type: string) =>
      rpcResults['chain.block'].safeParse({
        height: '1',
        hash: '00'.repeat(32),
        block: '',
        certificate: null,
        transactions: [{ type, nonce: '0', fee: '0', sender: '00'.repeat(32) }],
      }).success;
    for (const kind of PAYLOAD_KINDS) expect(block(kind), kind).toBe(true);
    expect(block('member.proposeRemoval')).toBe(false); // an intent, not a payload kind
    expect(block('mint')).toBe(false);
  });

  it('every intent parses with its module’s schema and builds the payload kind its description says', () => {
    expect(walletIntent).toBe(intentSchema);
    for (const [type, sample] of Object.entries(samples)) {
      expect(intentSchema.parse(sample), type).toEqual(sample);
      expect(buildPayload(sample, ctx).type, type).toBe(INTENT_KINDS[type as IntentKindName].builds);
    }
    expect(intentSchema.safeParse({ type: 'mint', amount: '1' }).success).toBe(false);
  });

  it('describes each intent’s fields exactly as its schema has them (what the review step shows)', () => {
    const schemaFields = Object.fromEntries(
      intentSchema.options.map((option) => [
        option.shape.type.value,
        Object.keys(option.shape).filter((field) => field !== 'type'),
      ]),
    );
    const described = Object.fromEntries(
      Object.entries(INTENT_KINDS).map(([type, kind]) => [type, Object.keys(kind.fields)]),
    );
    expect(described).toEqual(schemaFields);
  });

  it('reach the page without code: the contract’s kinds bundle to the modules’ kinds.ts files alone', async () => {
    const result = await build({
      entryPoints: ['shared/contract/kinds.ts'],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'neutral',
    });
    const inputs = Object.keys(result.metafile.inputs).sort();
    expect(inputs).toEqual([
      'shared/contract/kinds.ts',
      'shared/core/modules/candidates/kinds.ts',
      'shared/core/modules/evidence/kinds.ts',
      'shared/core/modules/governance/kinds.ts',
      'shared/core/modules/kinds.ts',
      'shared/core/modules/staking/kinds.ts',
      'shared/core/modules/token/kinds.ts',
    ]);
  });
});
