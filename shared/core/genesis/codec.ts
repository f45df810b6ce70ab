/**
 * The genesis document's canonical encoding and its hash. Members, candidates and accounts are
 * sets (sorted by address) and votes are sorted by candidate, so listing them in another order
 * gives the same hash; initialProducers keeps its order, which is part of the set's identity.
 */
import { array, compareBytes, sortedSet, struct, text, u64, type Codec } from '../encoding/index.ts';
import {
  addressCodec,
  candidateNameCodec,
  chainParametersCodec,
  endpointCodec,
  MAX_MEMBERS,
  MAX_VALIDATORS,
  MAX_VOTES_PER_ACCOUNT,
  memberInfoCodec,
  memberNameCodec,
  publicKeyCodec,
  type Hash,
} from '../types/index.ts';
import { sha256 } from '../crypto/index.ts';
import { MAX_GENESIS_ACCOUNTS, type GenesisAccount, type GenesisDoc } from './document.ts';

const byAddress = <T extends { address: Uint8Array }>(v: T): Uint8Array => v.address;

const voteCodec = struct({ candidate: addressCodec, amount: u64 });

export const genesisDocCodec: Codec<GenesisDoc> = struct({
  chainId: text(64, { pattern: /^[\x21-\x7e]{1,64}$/, patternHint: 'use 1-64 printable ASCII characters' }),
  addressPrefix: text(16, {
    pattern: /^[a-z][a-z0-9]{0,15}$/,
    patternHint: 'use 1-16 lower-case letters or digits, starting with a letter',
  }),
  genesisTime: u64,
  parameters: chainParametersCodec,
  members: sortedSet(
    struct({ address: addressCodec, name: memberNameCodec, info: memberInfoCodec }),
    MAX_MEMBERS,
    byAddress,
  ),
  candidates: sortedSet(
    struct({ address: addressCodec, name: candidateNameCodec, consensusKey: publicKeyCodec, endpoint: endpointCodec }),
    MAX_MEMBERS,
    byAddress,
  ),
  accounts: sortedSet(
    struct({
      address: addressCodec,
      balance: u64,
      staked: u64,
      votes: sortedSet(voteCodec, MAX_VOTES_PER_ACCOUNT, (v) => v.candidate),
    }),
    MAX_GENESIS_ACCOUNTS,
    byAddress,
  ),
  initialProducers: array(addressCodec, MAX_VALIDATORS),
});

const sorted = <T extends { address: Uint8Array }>(list: readonly T[]): T[] =>
  [...list].sort((a, b) => compareBytes(a.address, b.address));

/** The document with its sets in canonical order (a copy; the input is untouched). */
export function normaliseGenesis(doc: GenesisDoc): GenesisDoc {
  const account = (a: GenesisAccount): GenesisAccount => ({
    ...a,
    votes: [...a.votes].sort((x, y) => compareBytes(x.candidate, y.candidate)),
  });
  return {
    ...doc,
    members: sorted(doc.members),
    candidates: sorted(doc.candidates),
    accounts: sorted(doc.accounts).map(account),
    initialProducers: [...doc.initialProducers],
  };
}

/** sha256 of the canonical encoding. Throws EncodeError for a document outside the format (validate first). */
export function genesisHash(doc: GenesisDoc): Hash {
  return sha256(genesisDocCodec.encode(normaliseGenesis(doc)));
}
