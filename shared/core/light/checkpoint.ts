/**
 * Where trust starts: the network's genesis, or a checkpoint younger than the unbonding period.
 * Past that period the validators who signed the checkpoint may have withdrawn their stake, so
 * nothing they sign can be punished any more and their word proves nothing (long-range attack).
 */
import { isValidChainId } from '../crypto/index.ts';
import { equalBytes } from '../encoding/index.ts';
import { genesisHash as genesisDocHash, genesisHeader, genesisState, type GenesisDoc } from '../genesis/index.ts';
import { headerHash, type BlockHeader, type ChainParameters, type Hash, type ValidatorSet } from '../types/index.ts';
import type { Accepted, LightClientState } from './client.ts';
import { hashOfSet, verifyNamedSet } from './commit.ts';
import { ACCEPT, allOf, reject, showHash, type Verdict } from './verdict.ts';

/** Clock difference tolerated between this machine and the producer that stamped a header. */
export const MAX_CLOCK_DRIFT_MS = 10_000;

export type UnbondingParameters = Pick<ChainParameters, 'unbondingPeriodBlocks' | 'blockIntervalMs'>;

export interface Checkpoint {
  readonly header: BlockHeader;
  /** The set the header names. */
  readonly validatorSet: ValidatorSet;
  /** Only for a checkpoint at its round's last header: the set it announces for the next round. */
  readonly nextSet?: ValidatorSet;
}

export interface CheckpointTrust {
  readonly chainId: string;
  readonly checkpoint: Checkpoint;
  /** The network's parameters (genesis, or as governance last changed them). */
  readonly params: UnbondingParameters;
  /** This machine's clock, milliseconds since the Unix epoch. */
  readonly nowMs: number;
  readonly maxClockDriftMs?: number;
}

export interface GenesisTrust {
  readonly chainId: string;
  /** headerHash of the height-0 header (what block 1 names as previousHash), from a trusted source. */
  readonly genesisHash: Hash;
  readonly header: BlockHeader;
  /** The set of rounds 0 and 1. */
  readonly validatorSet: ValidatorSet;
}

export function unbondingPeriodMs(params: UnbondingParameters): bigint {
  return params.unbondingPeriodBlocks * BigInt(params.blockIntervalMs);
}

const UNITS: [bigint, string][] = [
  [86_400_000n, 'day'],
  [3_600_000n, 'hour'],
  [60_000n, 'minute'],
  [1_000n, 'second'],
];

/** "23 days", "5 hours", "0 seconds": the largest whole unit, rounded down. */
export function formatDuration(ms: bigint): string {
  for (const [size, unit] of UNITS) {
    const n = ms / size;
    if (n >= 1n || size === 1_000n) return `${n} ${unit}${n === 1n ? '' : 's'}`;
  }
  return `${ms} ms`; // unreachable: the last unit always answers
}

export function verifyChainId(chainId: string): Verdict {
  return isValidChainId(chainId) ? ACCEPT : reject(`"${chainId}" is not a valid chain id`);
}

function verifyClock(nowMs: number): Verdict {
  return Number.isSafeInteger(nowMs) && nowMs >= 0
    ? ACCEPT
    : reject(`the current time ${nowMs} is not a whole number of milliseconds`);
}

/** Younger than the unbonding period at `nowMs`. */
export function verifyCheckpointAge(header: BlockHeader, params: UnbondingParameters, nowMs: number): Verdict {
  const age = BigInt(nowMs) - header.timestamp;
  const period = unbondingPeriodMs(params);
  if (age >= period) {
    return reject(
      `checkpoint is ${formatDuration(age)} old; the unbonding period is ${formatDuration(period)} — get a newer checkpoint`,
    );
  }
  return ACCEPT;
}

/** Not dated further ahead of `nowMs` than the clock drift allows. */
export function verifyNotFromFuture(
  header: BlockHeader,
  nowMs: number,
  maxClockDriftMs: number = MAX_CLOCK_DRIFT_MS,
): Verdict {
  const ahead = header.timestamp - BigInt(nowMs);
  if (ahead > BigInt(maxClockDriftMs)) {
    return reject(
      `checkpoint is dated ${formatDuration(ahead)} in the future (allowed clock drift: ${formatDuration(BigInt(maxClockDriftMs))}); ` +
        `check this computer's clock`,
    );
  }
  return ACCEPT;
}

/** The checkpoint's sets are the ones its header names. */
export function verifyCheckpointSets({ header, validatorSet, nextSet }: Checkpoint): Verdict {
  const named = verifyNamedSet(header, validatorSet);
  if (!named.ok || nextSet === undefined) return named;
  const next = hashOfSet(nextSet);
  if (!next.ok) return next;
  if (!equalBytes(next.hash, header.nextValidatorSetHash)) {
    return reject(
      `the checkpoint's next set ${showHash(next.hash)} is not the set ${showHash(header.nextValidatorSetHash)} its header announces`,
    );
  }
  return ACCEPT;
}

export function trustFromCheckpoint({
  chainId,
  checkpoint,
  params,
  nowMs,
  maxClockDriftMs,
}: CheckpointTrust): Accepted {
  const verdict = allOf(
    () => verifyChainId(chainId),
    () => verifyClock(nowMs),
    () => verifyNotFromFuture(checkpoint.header, nowMs, maxClockDriftMs),
    () => verifyCheckpointAge(checkpoint.header, params, nowMs),
    () => verifyCheckpointSets(checkpoint),
  );
  if (!verdict.ok) return verdict;
  const { header, validatorSet, nextSet } = checkpoint;
  const trusted =
    nextSet === undefined ? { header, validatorSet } : { header, validatorSet, nextValidatorSet: nextSet };
  return { ok: true, state: { chainId, trusted } };
}

/** The height-0 header with the expected hash, naming the given first set. */
export function verifyGenesis({ genesisHash, header, validatorSet }: GenesisTrust): Verdict {
  if (header.height !== 0n || header.dposRound !== 0n) {
    return reject(`a genesis header has height 0 in round 0, not height ${header.height} in round ${header.dposRound}`);
  }
  const hash = headerHash(header);
  if (!equalBytes(hash, genesisHash))
    return reject(`the genesis header hashes to ${showHash(hash)}, not the network's ${showHash(genesisHash)}`);
  return verifyNamedSet(header, validatorSet);
}

export function trustFromGenesis(trust: GenesisTrust): Accepted {
  const verdict = allOf(
    () => verifyChainId(trust.chainId),
    () => verifyGenesis(trust),
  );
  if (!verdict.ok) return verdict;
  const state: LightClientState = {
    chainId: trust.chainId,
    trusted: { header: trust.header, validatorSet: trust.validatorSet },
  };
  return { ok: true, state };
}

/**
 * Trust from a genesis document whose hash (genesisHash(doc), the network's identity) came from a
 * trusted source: the genesis header and first set are computed here, not taken from a server.
 */
export function trustFromGenesisDoc(doc: GenesisDoc, expectedDocHash: Hash): Accepted {
  let trust: GenesisTrust;
  try {
    const actual = genesisDocHash(doc);
    if (!equalBytes(actual, expectedDocHash)) {
      return {
        ok: false,
        reason: `the genesis document hashes to ${showHash(actual)}, not the network's ${showHash(expectedDocHash)}`,
      };
    }
    const state = genesisState(doc);
    const header = genesisHeader(doc, state);
    trust = { chainId: doc.chainId, genesisHash: headerHash(header), header, validatorSet: state.validators };
  } catch (e) {
    return { ok: false, reason: `the genesis document is not valid: ${(e as Error).message}` };
  }
  return trustFromGenesis(trust);
}
