/**
 * A transaction in plain words, derived from the transaction alone. Whoever signs reads these lines,
 * so they are always recomputed from the bytes about to be signed and never taken from a file.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import { addressFromPublicKey, encodeAddress } from '../crypto/index.ts';
import type { Payload, ProposalAction, Transaction } from '../types/index.ts';
import { describeAmount, type AmountDisplay } from './amount.ts';
import { quoted } from './text.ts';

export interface SummaryOptions extends AmountDisplay {
  /** The network's address prefix, for showing addresses as people know them. */
  prefix: string;
  /** When given, a first line names the network the signature is for. */
  chainId?: string;
}

/** Parameters counted in base units are shown as amounts; the others are plain numbers. */
const AMOUNT_PARAMETERS = new Set(['minFee', 'blockReward']);

export function summarise(tx: Transaction, options: SummaryOptions): string[] {
  const amount = (units: bigint) => describeAmount(units, options);
  const address = (bytes: Uint8Array) => encodeAddress(options.prefix, bytes);
  return [
    ...(options.chainId === undefined ? [] : [`Network: ${quoted(options.chainId)}`]),
    `From ${addressFromPublicKey(options.prefix, tx.senderPublicKey)}`,
    ...payloadLines(tx.payload, amount, address),
    `Fee: ${amount(tx.fee)}`,
    `Nonce ${tx.nonce}, valid until height ${tx.expiryHeight}`,
  ];
}

type Show = (value: bigint) => string;
type ShowAddress = (bytes: Uint8Array) => string;

function payloadLines(payload: Payload, amount: Show, address: ShowAddress): string[] {
  switch (payload.type) {
    case 'transfer':
      return [
        `Send ${amount(payload.amount)} to ${address(payload.to)}${payload.memo ? ` with memo ${quoted(payload.memo)}` : ' (no memo)'}`,
      ];
    case 'member.apply':
      return [
        `Apply for consortium membership as ${quoted(payload.name)}`,
        `Application info: ${quoted(payload.info)}`,
      ];
    case 'member.vote':
      return [`Vote ${payload.approve ? 'YES' : 'NO'} on membership proposal ${bytesToHex(payload.proposalId)}`];
    case 'member.propose':
      return [proposalLine(payload.action, amount, address)];
    case 'stake':
      return [`Stake ${amount(payload.amount)} (moves it from the balance into the stake pool)`];
    case 'unstake':
      return [`Unstake ${amount(payload.amount)} (starts unbonding; withdraw it once released)`];
    case 'withdraw':
      return ['Withdraw all released unbonding stake back to the balance'];
    case 'vote':
      return payload.changes.map((c) =>
        c.increase
          ? `Vote: allocate ${amount(c.amount)} of stake to candidate ${address(c.candidate)}`
          : `Vote: take back ${amount(c.amount)} of stake from candidate ${address(c.candidate)}`,
      );
    case 'candidate.register':
      return [
        `Register as producer candidate ${quoted(payload.name)}`,
        `Consensus key ${bytesToHex(payload.consensusKey)}`,
        `Node endpoint ${quoted(payload.endpoint)}`,
      ];
    case 'candidate.update':
      return [
        "Update this account's candidate registration",
        payload.consensusKey ? `New consensus key ${bytesToHex(payload.consensusKey)}` : 'Consensus key unchanged',
        payload.endpoint !== undefined ? `New node endpoint ${quoted(payload.endpoint)}` : 'Node endpoint unchanged',
      ];
    case 'candidate.resign':
      return ['Resign as a producer candidate (votes can then only be taken back)'];
    case 'candidate.unjail':
      return ['Ask to return from jail as a producer candidate'];
    case 'evidence.doubleSign': {
      const { vote } = payload.voteA;
      return [
        `Report double-signing: two conflicting ${vote.type}s by consensus key ${bytesToHex(vote.validator)} at height ${vote.height}, round ${vote.round}`,
      ];
    }
    case 'evidence.doubleProposal': {
      const { proposal } = payload.proposalA;
      return [
        `Report double-proposing: two conflicting proposals by consensus key ${bytesToHex(proposal.proposer)} at height ${proposal.height}, round ${proposal.round}`,
      ];
    }
  }
}

function proposalLine(action: ProposalAction, amount: Show, address: ShowAddress): string {
  if (action.type === 'removeMember') return `Propose removing member ${address(action.member)} from the consortium`;
  const value = AMOUNT_PARAMETERS.has(action.name) ? amount(action.value) : action.value.toString();
  return `Propose changing network parameter ${action.name} to ${value}`;
}
