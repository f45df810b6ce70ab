/**
 * Network parameters: set at genesis, changeable by a passed `changeParameter` proposal.
 * One table gives each parameter its wire tag (for proposals), its width and its allowed range.
 */
import { enumeration, MAX_U64, refine, struct, u32, u64, type Codec } from '../encoding/index.ts';
import { MAX_BLOCK_TRANSACTIONS, MAX_VALIDATORS } from './limits.ts';

export interface ChainParameters {
  /** N: producers in the active set (21 by default, 4 on the devnet). */
  activeProducers: number;
  /** Fewest eligible candidates for an election to take effect; below it the current set carries on. */
  minProducers: number;
  /** Target time between blocks. */
  blockIntervalMs: number;
  /** Consecutive blocks a producer makes in its turn. */
  blocksPerTurn: number;
  /** Minimum vote weight for eligibility, in parts per million of total stake. */
  minVoteRatioPpm: number;
  /** Blocks from unstake until the amount can be withdrawn. */
  unbondingPeriodBlocks: bigint;
  /** Consecutive missed turns that jail a producer. */
  missLimit: number;
  /** Blocks a jailed candidate must wait before `candidate.unjail`. */
  jailPeriodBlocks: bigint;
  /** Minimum transaction fee, in base units. */
  minFee: bigint;
  /** New units paid to a block's producer. */
  blockReward: bigint;
  /** Blocks a membership proposal stays open before it lapses. */
  proposalPeriodBlocks: bigint;
  /** Share of a double-signer's stake that is slashed, in ppm. */
  slashPpm: number;
  /** Share of the slashed amount paid to the evidence reporter, in ppm. */
  reporterRewardPpm: number;
  /** Most transactions one block may carry. */
  maxBlockTransactions: number;
}

export type ParameterName = keyof ChainParameters;

type Spec = { tag: number; min: bigint; max: bigint };
const U32_MAX = 0xffff_ffffn;
const PPM = 1_000_000n;

/** Tags are wire values of `changeParameter`: never renumber, only append. */
export const chainParameterSpecs: { readonly [K in ParameterName]: Spec } = {
  activeProducers: { tag: 0, min: 1n, max: BigInt(MAX_VALIDATORS) },
  minProducers: { tag: 1, min: 1n, max: BigInt(MAX_VALIDATORS) },
  blockIntervalMs: { tag: 2, min: 1n, max: U32_MAX },
  blocksPerTurn: { tag: 3, min: 1n, max: U32_MAX },
  minVoteRatioPpm: { tag: 4, min: 0n, max: PPM },
  unbondingPeriodBlocks: { tag: 5, min: 0n, max: MAX_U64 },
  missLimit: { tag: 6, min: 1n, max: U32_MAX },
  jailPeriodBlocks: { tag: 7, min: 0n, max: MAX_U64 },
  minFee: { tag: 8, min: 0n, max: MAX_U64 },
  blockReward: { tag: 9, min: 0n, max: MAX_U64 },
  proposalPeriodBlocks: { tag: 10, min: 1n, max: MAX_U64 },
  slashPpm: { tag: 11, min: 0n, max: PPM },
  reporterRewardPpm: { tag: 12, min: 0n, max: PPM },
  maxBlockTransactions: { tag: 13, min: 1n, max: BigInt(MAX_BLOCK_TRANSACTIONS) },
};

const names = Object.keys(chainParameterSpecs) as ParameterName[];

export const parameterNameCodec: Codec<ParameterName> = enumeration(
  Object.fromEntries(names.map((n) => [n, chainParameterSpecs[n].tag])) as Record<ParameterName, number>,
);

/** The reason a parameter set is unusable, or undefined. */
export function chainParametersProblem(p: ChainParameters): string | undefined {
  for (const n of names) {
    const { min, max } = chainParameterSpecs[n];
    const v = BigInt(p[n]);
    if (v < min || v > max) return `${n} must be in ${min}..${max}, got ${v}`;
  }
  if (p.minProducers > p.activeProducers)
    return `minProducers (${p.minProducers}) must not exceed activeProducers (${p.activeProducers})`;
  return undefined;
}

export const chainParametersCodec: Codec<ChainParameters> = refine(
  struct({
    activeProducers: u32,
    minProducers: u32,
    blockIntervalMs: u32,
    blocksPerTurn: u32,
    minVoteRatioPpm: u32,
    unbondingPeriodBlocks: u64,
    missLimit: u32,
    jailPeriodBlocks: u64,
    minFee: u64,
    blockReward: u64,
    proposalPeriodBlocks: u64,
    slashPpm: u32,
    reporterRewardPpm: u32,
    maxBlockTransactions: u32,
  }),
  chainParametersProblem,
);

/** Applies a governance change (values travel as u64), or says why it cannot apply. */
export function setChainParameter(
  params: ChainParameters,
  name: ParameterName,
  value: bigint,
): { ok: true; value: ChainParameters } | { ok: false; reason: string } {
  const { min, max } = chainParameterSpecs[name];
  if (value < min || value > max) return { ok: false, reason: `${name} must be in ${min}..${max}, got ${value}` };
  const next = { ...params, [name]: typeof params[name] === 'bigint' ? value : Number(value) };
  const problem = chainParametersProblem(next);
  return problem === undefined ? { ok: true, value: next } : { ok: false, reason: problem };
}
