/**
 * One block against state. Order: header facts (height follows, DPoS round, producer in the
 * active set, size); every transaction (one failure rejects the block, since a producer must
 * leave rejected transactions out); fees + blockReward to the producer (the reward is minted);
 * the scheduled producer's turn (produced or missed, perhaps jailed); lapsing proposals whose
 * deadline is this height; at a round's last height the election for round r + 2; the new height.
 *
 * Parameters are read once at the start: a change passed in this block applies from the next.
 * Header commitments derived from state (validatorSetHash, nextValidatorSetHash) are returned so
 * a producer can fill them in, and checked when a full signed Block is given. The state root is
 * the caller's (it owns the Merkle store; see root.ts), as is the header signature.
 */
import type { SignatureVerifier } from '../crypto/index.ts';
import { isLastHeightOfRound } from '../dpos/index.ts';
import { addU64, equalBytes, U64RangeError } from '../encoding/index.ts';
import { validatorSetHash, type Address, type Block, type Hash, type SignedTransaction } from '../types/index.ts';
import { showAddress, showHash } from './context.ts';
import { closeRound, type ElectionOutcome } from './election.ts';
import { lapseProposals } from '../modules/governance/rules.ts';
import { recordTurn } from './liveness.ts';
import type { StateChange, StateReader } from './overlay.ts';
import { roundTableOf } from './records.ts';
import { applyTransaction, encodeTransaction } from './transactions.ts';
import { StateView } from './view.ts';

export interface BlockContext {
  chainId: string;
  verifier: SignatureVerifier;
  /**
   * Who the schedule assigns to this height: `scheduledProducer(state, height, seed)` with the
   * seed being the hash of header `seedHeightOfRound(...)`, which the caller's block store holds.
   */
  scheduledProducer: Address;
  /** bech32 human part for addresses in reasons (0x-hex without it). */
  addressPrefix?: string;
}

/** The parts of a block the state transition reads; a producer has them before it can sign a header. */
export interface BlockDraft {
  height: bigint;
  dposRound: bigint;
  producer: Address;
  transactions: readonly SignedTransaction[];
}

export interface Receipt {
  id: Hash;
  ok: true;
  fee: bigint;
}

export interface AppliedBlock {
  ok: true;
  /** Sorted by key; apply to the store and the Merkle tree. */
  changes: StateChange[];
  fees: bigint;
  reward: bigint;
  receipts: Receipt[];
  /** What the header must carry. */
  validatorSetHash: Hash;
  nextValidatorSetHash: Hash;
  /** Scheduled producer jailed by this block, if any. */
  jailed?: Address;
  /** Present at a round's last height. */
  election?: ElectionOutcome;
}

export type BlockResult = AppliedBlock | { ok: false; reason: string };

function draftOf(block: Block | BlockDraft): BlockDraft {
  if (!('header' in block)) return block;
  const h = block.header.header;
  return { height: h.height, dposRound: h.dposRound, producer: h.producer, transactions: block.transactions };
}

export function applyBlock(reader: StateReader, block: Block | BlockDraft, ctx: BlockContext): BlockResult {
  try {
    return run(reader, block, ctx);
  } catch (e) {
    // Supply is u64-bounded, so only an absurd reward schedule could get here; refuse rather than halt.
    if (e instanceof U64RangeError)
      return { ok: false, reason: `an amount would leave the 64-bit range (${e.message})` };
    throw e;
  }
}

function run(reader: StateReader, block: Block | BlockDraft, ctx: BlockContext): BlockResult {
  const reject = (reason: string): BlockResult => ({ ok: false, reason });
  const show = (a: Address): string => showAddress(a, ctx.addressPrefix);
  const draft = draftOf(block);
  const { height, producer } = draft;
  const view = StateView.over(reader);
  const params = view.params();
  const record = view.rounds();

  if (height !== record.height + 1n)
    return reject(`block height ${height} does not follow the state's height ${record.height}`);
  const entry = record.rounds[0]!; // covers record.height + 1 (codec rule)
  if (draft.dposRound !== entry.round)
    return reject(`the block names DPoS round ${draft.dposRound}, but height ${height} is in round ${entry.round}`);
  const inSet = (a: Address): boolean => entry.validators.some((v) => equalBytes(v.address, a));
  if (!inSet(producer)) return reject(`producer ${show(producer)} is not in the active set of round ${entry.round}`);
  if (!inSet(ctx.scheduledProducer))
    return reject(
      `the scheduled producer ${show(ctx.scheduledProducer)} is not in the active set of round ${entry.round}`,
    );
  if (draft.transactions.length > params.maxBlockTransactions) {
    return reject(
      `the block carries ${draft.transactions.length} transactions; at most ${params.maxBlockTransactions} are allowed`,
    );
  }
  const setHash = validatorSetHash(entry.validators);
  if ('header' in block && !equalBytes(block.header.header.validatorSetHash, setHash)) {
    return reject(
      `the header's validatorSetHash ${showHash(block.header.header.validatorSetHash)} is not the hash of round ${entry.round}'s set (${showHash(setHash)})`,
    );
  }

  const txCtx = { chainId: ctx.chainId, height, verifier: ctx.verifier, params, addressPrefix: ctx.addressPrefix };
  const receipts: Receipt[] = [];
  let fees = 0n;
  for (const [i, tx] of draft.transactions.entries()) {
    // One encoding serves the signature check, the rules' txId and the receipt (it throws as they would).
    const encoded = encodeTransaction(tx);
    const result = applyTransaction(view, tx, txCtx, encoded);
    const { id } = encoded;
    if (!result.ok) return reject(`transaction ${i} (id ${showHash(id)}): ${result.reason}`);
    fees = addU64(fees, result.fee);
    receipts.push({ id, ok: true, fee: result.fee });
  }

  const reward = params.blockReward;
  const account = view.account(producer);
  view.setAccount(producer, { ...account, balance: addU64(account.balance, addU64(fees, reward)) });
  const totals = view.totals();
  view.setTotals({ ...totals, supply: addU64(totals.supply, reward), minted: addU64(totals.minted, reward) });

  const jailed = recordTurn(view, height, producer, ctx.scheduledProducer, params);
  lapseProposals(view, height);

  let next = record;
  let election: ElectionOutcome | undefined;
  if (isLastHeightOfRound(height, roundTableOf(record)))
    ({ record: next, election } = closeRound(view, record, params));
  next = { ...next, height };
  view.setRounds(next);

  const nextSetHash = validatorSetHash(next.rounds[0]!.validators);
  if ('header' in block && !equalBytes(block.header.header.nextValidatorSetHash, nextSetHash)) {
    return reject(
      `the header's nextValidatorSetHash ${showHash(block.header.header.nextValidatorSetHash)} is not the hash of the next height's set (${showHash(nextSetHash)})`,
    );
  }
  return {
    ok: true,
    changes: view.changes(),
    fees,
    reward,
    receipts,
    validatorSetHash: setHash,
    nextValidatorSetHash: nextSetHash,
    ...(jailed ? { jailed: ctx.scheduledProducer } : {}),
    ...(election ? { election } : {}),
  };
}
