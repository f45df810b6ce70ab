/**
 * Typed access to state through an overlay. Reads decode, writes encode at once, so a value that
 * breaks its codec's rules (votes above stake, a jailed candidate without jailedUntil) fails where
 * it is made rather than at commit. Absent records read as their natural empty value where one
 * exists (a zero account, no totals yet, empty lists); records without one read as undefined.
 *
 * Empty records are deleted, not stored: a zero account, an empty list or deadline entry. Absent
 * and empty then have one representation, so the state root does not depend on whether a rule
 * happened to touch a record and leave it empty.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import { bytesKey, type Codec } from '../encoding/index.ts';
import {
  ADDRESS_BYTES,
  accountCodec,
  candidateCodec,
  chainParametersCodec,
  governanceProposalCodec,
  memberCodec,
  type Account,
  type Address,
  type Candidate,
  type ChainParameters,
  type GovernanceProposal,
  type Hash,
  type Member,
  type PublicKey,
} from '../types/index.ts';
import * as K from './keys.ts';
import { Overlay, type StateChange, type StateReader } from './overlay.ts';
import {
  applicationCodec,
  candidateListCodec,
  openProposalListCodec,
  deadlinesCodec,
  memberListCodec,
  ownerCodec,
  roundRecordCodec,
  totalsCodec,
  ZERO_TOTALS,
  type ChainTotals,
  type RoundRecord,
} from './records.ts';

/** Stored bytes that do not decode: the store is damaged or was written by other rules. Never bad input. */
export class StateCorruptError extends Error {
  constructor(what: string, reason: string) {
    super(`state record ${what} does not decode: ${reason}`);
    this.name = 'StateCorruptError';
  }
}

export const zeroAccount = (): Account => ({ balance: 0n, nonce: 0n, staked: 0n, unbonding: [], votes: [] });

function isZeroAccount(a: Account): boolean {
  return a.balance === 0n && a.nonce === 0n && a.staked === 0n && a.unbonding.length === 0 && a.votes.length === 0;
}

/** Account keys remembered per view family; beyond this many the memo starts over (a block touches far fewer). */
const ACCOUNT_KEY_MEMO_SIZE = 65_536;

export class StateView implements StateReader {
  /**
   * `accountKeys` remembers accountKey(address), a SHA-256, by address: a transfer reads and writes the same
   * two accounts several times. A view and its children share one memo; the keys only ever go to the overlay,
   * which copies what it keeps.
   */
  constructor(
    readonly overlay: Overlay,
    private readonly accountKeys = new Map<string, Uint8Array>(),
  ) {}

  /** A writable view over committed state. */
  static over(reader: StateReader): StateView {
    return new StateView(new Overlay(reader));
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.overlay.get(key);
  }

  /** A view whose writes stay apart until `commit(child)`. */
  child(): StateView {
    return new StateView(this.overlay.child(), this.accountKeys);
  }

  commit(child: StateView): void {
    this.overlay.absorb(child.overlay);
  }

  changes(): StateChange[] {
    return this.overlay.changes();
  }

  /** `what` names the record for the error; a function when naming it costs work (hex) that success never needs. */
  private read<T>(key: Uint8Array, codec: Codec<T>, what: string | (() => string)): T | undefined {
    const bytes = this.overlay.get(key);
    if (bytes === undefined) return undefined;
    const decoded = codec.decode(bytes);
    if (!decoded.ok) throw new StateCorruptError(typeof what === 'string' ? what : what(), decoded.error.reason);
    return decoded.value;
  }

  private accountKey(address: Address): Uint8Array {
    // Anything but 20 bytes goes straight to K.accountKey, which throws its usual error.
    if (!(address instanceof Uint8Array) || address.length !== ADDRESS_BYTES) return K.accountKey(address);
    const memoKey = bytesKey(address);
    let key = this.accountKeys.get(memoKey);
    if (key === undefined) {
      key = K.accountKey(address);
      if (this.accountKeys.size >= ACCOUNT_KEY_MEMO_SIZE) this.accountKeys.clear();
      this.accountKeys.set(memoKey, key);
    }
    return key;
  }

  private write<T>(key: Uint8Array, codec: Codec<T>, value: T | undefined): void {
    this.overlay.set(key, value === undefined ? null : codec.encode(value));
  }

  account(address: Address): Account {
    return this.read(this.accountKey(address), accountCodec, () => `account ${bytesToHex(address)}`) ?? zeroAccount();
  }

  setAccount(address: Address, account: Account): void {
    this.write(this.accountKey(address), accountCodec, isZeroAccount(account) ? undefined : account);
  }

  member(address: Address): Member | undefined {
    return this.read(K.memberKey(address), memberCodec, () => `member ${bytesToHex(address)}`);
  }

  setMember(address: Address, member: Member | undefined): void {
    this.write(K.memberKey(address), memberCodec, member);
  }

  isMember(address: Address): boolean {
    return this.overlay.get(K.memberKey(address)) !== undefined;
  }

  memberList(): Address[] {
    return this.read(K.memberListKey(), memberListCodec, 'member list') ?? [];
  }

  setMemberList(list: Address[]): void {
    this.write(K.memberListKey(), memberListCodec, list.length === 0 ? undefined : list);
  }

  proposal(id: Hash): GovernanceProposal | undefined {
    return this.read(K.proposalKey(id), governanceProposalCodec, () => `proposal ${bytesToHex(id)}`);
  }

  setProposal(proposal: GovernanceProposal): void {
    this.write(K.proposalKey(proposal.id), governanceProposalCodec, proposal);
  }

  /** The applicant's open admission proposal, if any. */
  application(applicant: Address): Hash | undefined {
    return this.read(K.applicationKey(applicant), applicationCodec, () => `application ${bytesToHex(applicant)}`)
      ?.proposalId;
  }

  setApplication(applicant: Address, proposalId: Hash | undefined): void {
    this.write(K.applicationKey(applicant), applicationCodec, proposalId === undefined ? undefined : { proposalId });
  }

  proposalsEndingAt(height: bigint): Hash[] {
    return this.read(K.proposalDeadlinesKey(height), deadlinesCodec, `deadlines at ${height}`)?.proposals ?? [];
  }

  setProposalsEndingAt(height: bigint, proposals: Hash[]): void {
    this.write(K.proposalDeadlinesKey(height), deadlinesCodec, proposals.length === 0 ? undefined : { proposals });
  }

  /** Ids of every open proposal, sorted (the record a light client proves a listing complete with). */
  openProposals(): Hash[] {
    return this.read(K.openProposalListKey(), openProposalListCodec, 'open proposal list') ?? [];
  }

  setOpenProposals(ids: Hash[]): void {
    this.write(K.openProposalListKey(), openProposalListCodec, ids.length === 0 ? undefined : ids);
  }

  candidate(address: Address): Candidate | undefined {
    return this.read(K.candidateKey(address), candidateCodec, () => `candidate ${bytesToHex(address)}`);
  }

  setCandidate(address: Address, candidate: Candidate): void {
    this.write(K.candidateKey(address), candidateCodec, candidate);
  }

  candidateList(): Address[] {
    return this.read(K.candidateListKey(), candidateListCodec, 'candidate list') ?? [];
  }

  setCandidateList(list: Address[]): void {
    this.write(K.candidateListKey(), candidateListCodec, list.length === 0 ? undefined : list);
  }

  /** The candidate that registered `name` (names are never released). */
  nameOwner(name: string): Address | undefined {
    return this.read(K.candidateNameKey(name), ownerCodec, `name index "${name}"`)?.candidate;
  }

  setNameOwner(name: string, candidate: Address): void {
    this.write(K.candidateNameKey(name), ownerCodec, { candidate });
  }

  /** The candidate that ever used `consensusKey` (old keys stay mapped, so evidence still finds it). */
  consensusKeyOwner(consensusKey: PublicKey): Address | undefined {
    return this.read(
      K.consensusKeyIndexKey(consensusKey),
      ownerCodec,
      () => `consensus key index ${bytesToHex(consensusKey)}`,
    )?.candidate;
  }

  setConsensusKeyOwner(consensusKey: PublicKey, candidate: Address): void {
    this.write(K.consensusKeyIndexKey(consensusKey), ownerCodec, { candidate });
  }

  /** Throws if absent: every chain state starts from genesis, which writes them. */
  params(): ChainParameters {
    const p = this.read(K.parametersKey(), chainParametersCodec, 'chain parameters');
    if (p === undefined)
      throw new StateCorruptError('chain parameters', 'absent (the state was not built from a genesis)');
    return p;
  }

  setParams(params: ChainParameters): void {
    this.write(K.parametersKey(), chainParametersCodec, params);
  }

  totals(): ChainTotals {
    return this.read(K.totalsKey(), totalsCodec, 'chain totals') ?? { ...ZERO_TOTALS };
  }

  setTotals(totals: ChainTotals): void {
    this.write(K.totalsKey(), totalsCodec, totals);
  }

  /** Throws if absent, like params(). */
  rounds(): RoundRecord {
    const r = this.read(K.roundsKey(), roundRecordCodec, 'round record');
    if (r === undefined) throw new StateCorruptError('round record', 'absent (the state was not built from a genesis)');
    return r;
  }

  setRounds(record: RoundRecord): void {
    this.write(K.roundsKey(), roundRecordCodec, record);
  }
}
