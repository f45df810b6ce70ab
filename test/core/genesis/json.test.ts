import { describe, expect, it } from 'vitest';
import { encodeAddress } from '../../../shared/core/crypto/index.ts';
import {
  devnetGenesis,
  genesisHash,
  genesisToJson,
  genesisToJsonValue,
  parseGenesis,
  type GenesisDoc,
} from '../../../shared/core/genesis/index.ts';

const devnet = () =>
  devnetGenesis({ producers: 3, seed: new TextEncoder().encode('genesis json'), chainId: 'json-net', extraMembers: 1 });

/** The devnet document as JSON, edited by `edit`, then parsed. */
function parseEdited(edit: (json: any) => void) {
  const json = genesisToJsonValue(devnet().doc) as any;
  edit(json);
  return parseGenesis(JSON.stringify(json));
}

function problems(edit: (json: any) => void): string[] {
  const r = parseEdited(edit);
  if (r.ok) throw new Error('expected the document to be refused');
  return r.problems;
}

describe('genesis JSON', () => {
  it('round-trips a document exactly, with u64 values as decimal strings', () => {
    const { doc } = devnet();
    const text = genesisToJson(doc);
    const parsed = parseGenesis(text);
    expect(parsed).toEqual({ ok: true, doc });
    const json = JSON.parse(text);
    expect(json.parameters.minFee).toBe('1000');
    expect(json.parameters.activeProducers).toBe(3);
    expect(json.accounts[0].balance).toMatch(/^\d+$/);
    expect(json.members[0].address).toMatch(/^cdev1/);
    expect(genesisToJson((parsed as { doc: GenesisDoc }).doc)).toBe(text);
  });

  it('hashes the same document the same whatever order its sets are listed in, but not the producer order', () => {
    const { doc } = devnet();
    const shuffled: GenesisDoc = {
      ...doc,
      members: [...doc.members].reverse(),
      accounts: [...doc.accounts].reverse(),
      candidates: [...doc.candidates].reverse(),
    };
    expect(genesisHash(shuffled)).toEqual(genesisHash(doc));
    expect(genesisHash({ ...doc, initialProducers: [...doc.initialProducers].reverse() })).not.toEqual(
      genesisHash(doc),
    );
    expect(genesisHash({ ...doc, genesisTime: 1n })).not.toEqual(genesisHash(doc));
  });

  it('refuses addresses with a typo, naming where', () => {
    const [p] = problems((j) => {
      const a: string = j.members[1].address;
      j.members[1].address = a.slice(0, -1) + (a.endsWith('q') ? 'p' : 'q');
    });
    expect(p).toBe(
      'members[1].address: Bad checksum: the address does not check out, likely a typo. Please copy it again.',
    );
    expect(problems((j) => (j.initialProducers[0] = encodeAddress('other', new Uint8Array(20))))[0]).toMatch(
      /^initialProducers\[0\]: Wrong network prefix: expected "cdev", got "other"/,
    );
  });

  it('refuses a duplicate member, a candidate that is not a member, and a producer that is not a candidate', () => {
    expect(problems((j) => j.members.push(j.members[0]))).toEqual([
      expect.stringMatching(/^members\[4\] \(cdev1\w+\): listed twice$/),
    ]);
    const notMember = problems((j) => j.members.splice(0, 1));
    expect(notMember).toContainEqual(
      expect.stringMatching(/^candidates\[0\] \(cdev1\w+\): a candidate must be a member; add it to members$/),
    );
    expect(notMember).toContainEqual(
      expect.stringMatching(
        /^accounts\[0\] \(cdev1\w+\): only members may stake; add it to members or set staked to 0$/,
      ),
    );
    const notCandidate = problems((j) => (j.initialProducers[2] = j.members[3].address));
    expect(notCandidate).toEqual([
      expect.stringMatching(/^initialProducers\[2\] \(cdev1\w+\): not a candidate; add it to candidates$/),
    ]);
  });

  it('refuses a chain id that is too long or not printable ASCII, and a bad address prefix', () => {
    expect(problems((j) => (j.chainId = 'x'.repeat(65)))).toEqual([
      `chainId "${'x'.repeat(65)}" must be 1–64 printable ASCII characters without spaces`,
    ]);
    expect(problems((j) => (j.chainId = 'my net'))).toEqual([
      'chainId "my net" must be 1–64 printable ASCII characters without spaces',
    ]);
    expect(problems((j) => (j.addressPrefix = 'Bad'))).toEqual([
      'addressPrefix: "Bad" must be 1–16 lower-case letters or digits, starting with a letter',
    ]);
  });

  it('refuses unknown or missing fields, numbers for u64 values, and malformed keys', () => {
    expect(problems((j) => (j.intialProducers = []))[0]).toMatch(
      /^genesis: unknown field "intialProducers" \(expected chainId, /,
    );
    expect(problems((j) => delete j.accounts[0].votes)).toEqual(['accounts[0]: missing field "votes"']);
    expect(problems((j) => (j.accounts[0].balance = 1000))[0]).toBe(
      'accounts[0].balance: expected a decimal string such as "1000" (u64 values are strings so no precision is lost), got 1000',
    );
    expect(problems((j) => (j.genesisTime = '18446744073709551616'))).toEqual([
      'genesisTime: 18446744073709551616 exceeds the u64 maximum 18446744073709551615',
    ]);
    expect(problems((j) => (j.parameters.missLimit = 1.5))).toEqual([
      'parameters.missLimit: expected an integer in 0..4294967295, got 1.5',
    ]);
    expect(problems((j) => (j.candidates[0].consensusKey = 'ABCD'))).toEqual([
      'candidates[0].consensusKey: expected 64 lower-case hex digits (a 32-byte Ed25519 public key)',
    ]);
    expect(parseGenesis('{')).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^the genesis file is not valid JSON: /)],
    });
  });

  it('lists every rule broken at once: parameters, names, keys, votes, supply', () => {
    const all = problems((j) => {
      j.parameters.minProducers = 9;
      j.candidates[1].name = 'Has Spaces';
      j.candidates[2].consensusKey = j.candidates[0].consensusKey;
      j.accounts[0].votes.push({ candidate: j.members[3].address, amount: '1' });
      j.accounts[1].votes[0].amount = '999999999999999';
      j.accounts[2].balance = '18446744073709551615';
    });
    expect(all).toEqual([
      'parameters: minProducers (9) must not exceed activeProducers (3)',
      expect.stringMatching(
        /^candidates\[1\] \(cdev1\w+\): invalid text "Has Spaces": use 1-32 characters from a-z 0-9 _ \. -$/,
      ),
      expect.stringMatching(/^candidates\[2\] \(cdev1\w+\): consensusKey is already used by another candidate$/),
      expect.stringMatching(/^accounts\[0\] \(cdev1\w+\)\.votes\[1\]: cdev1\w+ is not a candidate$/),
      expect.stringMatching(/^accounts\[0\] \(cdev1\w+\): votes total 100000000001 but only 100000000000 is staked$/),
      expect.stringMatching(
        /^accounts\[1\] \(cdev1\w+\): votes total 999999999999999 but only 100000000000 is staked$/,
      ),
      expect.stringMatching(/^the total supply \d+ exceeds the u64 maximum 18446744073709551615$/),
    ]);
  });
});
