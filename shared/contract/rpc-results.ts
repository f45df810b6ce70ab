import * as z from 'zod';
import { PAYLOAD_KINDS } from '../core/modules/kinds.ts';

/**
 * The results of the node's JSON-RPC methods as they travel (JSON), one schema per method of `rpcParams`, and the
 * payloads of subscription notifications. Every object is strict: a field the contract does not name fails
 * validation, so the node cannot grow its answers without the contract (and docs/RPC.md) saying so. u64 values
 * stay decimal strings here (no transform), so a parsed result is still what the node sent and can be re-sent or
 * printed as is; clients convert what they use.
 */
const u64 = z.string().regex(/^\d{1,20}$/, 'must be a decimal u64 string');
const hex = z.string().regex(/^(?:[0-9a-f]{2})*$/, 'must be lowercase hex, whole bytes');
const hash = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters');
const publicKey = hash;
const signature = z.string().regex(/^[0-9a-f]{128}$/, 'must be 128 lowercase hex characters');
/** bech32m with the network's prefix (1-16 characters, as the genesis allows), separator `1`, then data characters. */
const address = z.string().regex(/^[a-z][a-z0-9]{0,15}1[02-9ac-hj-np-z]{6,}$/, 'must be a bech32m address');
const count = z.number().int().nonnegative();

const validator = z.object({ address, consensusKey: publicKey }).strict();

const parameters = z
  .object({
    activeProducers: count,
    minProducers: count,
    blockIntervalMs: count,
    blocksPerTurn: count,
    minVoteRatioPpm: count,
    unbondingPeriodBlocks: u64,
    missLimit: count,
    jailPeriodBlocks: u64,
    minFee: u64,
    blockReward: u64,
    proposalPeriodBlocks: u64,
    slashPpm: count,
    reporterRewardPpm: count,
    maxBlockTransactions: count,
  })
  .strict();

const commitCertificate = z
  .object({
    height: u64,
    round: count,
    blockHash: hash,
    signatures: z.array(z.object({ validatorIndex: count, signature }).strict()),
  })
  .strict();

const blockHeader = z
  .object({
    version: count,
    height: u64,
    dposRound: u64,
    timestamp: u64,
    previousHash: hash,
    producer: address,
    stateRoot: hash,
    transactionRoot: hash,
    validatorSetHash: hash,
    nextValidatorSetHash: hash,
    lastCommit: commitCertificate.optional(),
  })
  .strict();

/** A decoded block's transaction kinds: the modules' payload kinds (shared/core/modules/kinds.ts). */
const payloadType = z.enum(PAYLOAD_KINDS);

const candidateStatus = z.enum(['active', 'jailed', 'tombstoned', 'resigned']);

const candidateFields = {
  name: z.string(),
  consensusKey: publicKey,
  endpoint: z.string(),
  selfAddress: address,
  voteWeight: u64,
  status: candidateStatus,
  consecutiveMisses: count,
  producedBlocks: u64,
  missedBlocks: u64,
  jailedUntil: u64.optional(),
};

const account = z
  .object({
    balance: u64,
    nonce: u64,
    staked: u64,
    unbonding: z.array(z.object({ amount: u64, releaseHeight: u64 }).strict()),
    votes: z.array(z.object({ candidate: address, amount: u64 }).strict()),
  })
  .strict();

/** A state record with its sparse-Merkle proof; `decoded` is the record as JSON, or absent for `state.record`. */
const provenRecord = <D extends z.ZodType>(decoded: D) =>
  z.object({ height: u64, blockHash: hash, key: hex, value: hex.nullable(), proof: hex, decoded }).strict();

const proposalSubject = z.discriminatedUnion('type', [
  z.object({ type: z.literal('admitMember'), name: z.string(), info: z.string() }).strict(),
  z.object({ type: z.literal('removeMember'), member: address }).strict(),
  z.object({ type: z.literal('changeParameter'), name: z.string(), value: u64 }).strict(),
]);

const proposal = z
  .object({
    id: hash,
    subject: proposalSubject,
    proposer: address,
    yes: z.array(address),
    no: z.array(address),
    createdHeight: u64,
    deadlineHeight: u64,
    status: z.enum(['open', 'passed', 'rejected', 'lapsed']),
  })
  .strict();

const txStatus = z.discriminatedUnion('status', [
  z
    .object({
      status: z.literal('pending'),
      nonce: u64,
      accountNonce: u64,
      expiryHeight: u64,
      waitingForNonce: u64.optional(),
    })
    .strict(),
  z.object({ status: z.literal('unknown') }).strict(),
  z
    .object({ status: z.literal('final'), height: u64, blockHash: hash, index: count, count, proof: z.array(hash) })
    .strict(),
]);

export const rpcResults = {
  'chain.info': z
    .object({
      chainId: z.string().min(1),
      addressPrefix: z.string().min(1),
      genesisHash: hash,
      height: u64,
      headHash: hash,
      finalHeight: u64,
      dposRound: u64,
      bftRound: count,
      validatorSetHash: hash,
      validators: z.array(validator),
      validatorSet: hex,
      parameters,
      /** The highest committed height this node's peers reported lately (asked while it is not committing); unverified. */
      peersHeight: u64.optional(),
    })
    .strict(),
  'chain.header': z
    .object({ height: u64, hash, header: hex.nullable(), certificate: hex.nullable(), decoded: blockHeader })
    .strict(),
  'chain.block': z
    .object({
      height: u64,
      hash,
      block: hex,
      certificate: hex.nullable(),
      transactions: z.array(z.object({ type: payloadType, nonce: u64, fee: u64, sender: publicKey }).strict()),
    })
    .strict(),
  'chain.handOffs': z.array(
    z.object({ round: u64, height: u64, header: hex, certificate: hex, nextValidatorSet: hex }).strict(),
  ),
  'chain.round': z
    .object({
      round: u64,
      firstHeight: u64,
      lastHeight: u64,
      validators: z.array(validator),
      slots: z.array(
        z
          .object({
            height: u64,
            producer: address,
            status: z.enum(['produced', 'missed', 'now', 'upcoming']),
            actualProducer: address.optional(),
            timestamp: u64.optional(),
          })
          .strict(),
      ),
      finalHeight: u64,
      nextValidatorSetHash: hash.nullable(),
    })
    .strict(),
  'pos.candidates': z.array(
    z.object({ rank: z.number().int().positive(), inActiveSet: z.boolean(), address, ...candidateFields }).strict(),
  ),
  'gov.members': z.array(z.object({ address, name: z.string(), info: z.string(), admittedAt: u64 }).strict()),
  'gov.proposals': z.array(proposal),
  'state.account': provenRecord(account.nullable()),
  'state.candidate': provenRecord(z.object(candidateFields).strict().nullable()),
  'state.record': provenRecord(z.undefined().optional()),
  'tx.submit': z.object({ id: hash }).strict(),
  'tx.status': txStatus,
  'account.nextNonce': z.object({ address: z.string(), accountNonce: u64, pooled: count, nextNonce: u64 }).strict(),
  'account.history': z.array(
    z.object({ height: u64, position: count, role: z.enum(['sender', 'recipient', 'candidate']), id: hash }).strict(),
  ),
  /** The subscription's id, for `unsubscribe` and to match notifications. */
  subscribe: z.string().min(1).max(40),
  /** Whether the subscription existed on this connection. */
  unsubscribe: z.boolean(),
  'node.metrics': z
    .object({
      height: u64,
      finalHeight: u64,
      bftRound: count,
      peers: count,
      mempoolSize: count,
      missedSlots: count,
      isProducer: z.boolean(),
    })
    .strict(),
  'node.evidence': z.array(
    z
      .object({
        kind: z.enum(['doubleSign', 'doubleProposal']),
        message: z.enum(['prevote', 'precommit', 'proposal']),
        height: u64,
        round: count,
        validator: publicKey,
        payload: hex,
        candidate: address.nullable(),
        candidateStatus: candidateStatus.nullable(),
        seenAt: count,
      })
      .strict(),
  ),
} as const;

/** One committed block, as `newHeads` and `finalHeads` announce it. */
const headNotice = z
  .object({ height: u64, hash, round: count, dposRound: u64, timestamp: u64, transactions: count })
  .strict();

/** The `result` of a `subscription` notification, by topic. */
export const rpcTopicPayloads = {
  newHeads: headNotice,
  finalHeads: headNotice,
  roundEvents: z
    .object({
      kind: z.enum(['produced', 'missed']),
      height: u64,
      dposRound: u64,
      scheduled: address,
      producer: address,
    })
    .strict(),
} as const;

/** A notification as it arrives on the WebSocket. */
export const rpcNotification = z
  .object({
    jsonrpc: z.literal('2.0'),
    method: z.literal('subscription'),
    params: z
      .object({
        subscription: z.string(),
        topic: z.enum(['newHeads', 'finalHeads', 'roundEvents']),
        result: z.unknown(),
      })
      .strict(),
  })
  .strict();
