import * as z from 'zod';
import { amount, hashHex, height, verifiedAt } from './common.ts';

/** What an untrusted endpoint did, for plain words in each language (electron/services/light/lies.ts). */
export const lieKind = z.enum([
  'alteredState',
  'alteredHeader',
  'missingSignatures',
  'forgedSignature',
  'oldHeader',
  'hiddenEntry',
  'skippedHandOff',
  'conflictingBlock',
  'wrongNetwork',
  'malformed',
  'other',
]);

export const endpointHealth = z.object({
  url: z.string(),
  trusted: z.boolean(),
  /** Why it is not trusted, as a sentence for the person (the technical detail). */
  reason: z.string().optional(),
  /** What it did, as a kind the page words plainly. */
  lie: lieKind.optional(),
  /** It keeps announcing an older head than another endpoint's certified one, or than its own peers report: followed last. */
  behind: z.boolean().optional(),
  /** The newest height it announced (unverified). */
  announcedHeight: height.optional(),
  /** The highest height its own node's peers reported lately, when it says (unverified). */
  peersHeight: height.optional(),
  active: z.boolean(),
  lastSeenHeight: height,
  /** Its last connection problem, if the latest attempt failed (not a trust issue): the technical detail, in English. */
  problem: z.string().optional(),
  /** That problem's kind, which the page words in the person's language. */
  problemKind: z.enum(['unreachable', 'timeout', 'closed', 'badResponse', 'nodeError']).optional(),
});

export const networkStatus = z.object({
  /** 'devnet': the embedded development network; 'custom': endpoints the person configured. */
  kind: z.enum(['devnet', 'custom']),
  chainId: z.string(),
  addressPrefix: z.string(),
  /** Newest header the light node verified (with its certificate), and its round. */
  verifiedHeight: height,
  verifiedHash: z.string(),
  verifiedRound: height,
  /** The newest head an endpoint announced (unverified), for "finality lags the head by N". */
  headHeight: height,
  syncing: z.boolean(),
  progress: z.object({ verifiedHeight: height, targetHeight: height, phase: z.enum(['handOffs', 'head', 'synced']) }),
  endpoints: z.array(endpointHealth),
  disagreement: z
    .object({
      height,
      endpoints: z.array(z.string()),
      hashes: z.array(z.string()),
      certified: z.boolean(),
      message: z.string(),
    })
    .optional(),
  /** What stops the light node now, as a sentence; absent when all is well. */
  problem: z.string().optional(),
  /** The verified head's certified timestamp (epoch ms); 0 before anything is verified. */
  verifiedTime: z.number().int().nonnegative().optional(),
  /**
   * Whether the verified view is current (electron/services/network/freshness.ts): `loading` until the
   * light node runs; `stale` past the threshold or with no trusted endpoint, with the cause. The age
   * itself is counted by the page from `verifiedTime`, so the status is not pushed every second.
   */
  freshness: z
    .object({
      state: z.enum(['loading', 'fresh', 'stale']),
      thresholdMs: z.number().int().nonnegative(),
      staleAfterBlocks: z.number().int().positive(),
      cause: z.enum(['noAnswer', 'allUntrusted', 'behind']).optional(),
    })
    .optional(),
});

export const slotStatus = z.enum(['produced', 'missed', 'now', 'upcoming']);

export const roundView = z.object({
  round: height,
  firstHeight: height,
  lastHeight: height,
  slots: z.array(
    z.object({
      height,
      producer: z.string(),
      name: z.string(),
      status: slotStatus,
      /** Expected time of the slot (epoch ms), from the genesis time and block interval. */
      at: z.number().int().optional(),
    }),
  ),
  /** The set announced in the round's last header, when that header is verified. */
  nextSet: z.array(z.object({ address: z.string(), name: z.string() })).optional(),
  verifiedHeight: height,
  headHeight: height,
});

export const candidateStatus = z.enum(['active', 'jailed', 'tombstoned', 'resigned']);

export const candidateView = z.object({
  address: z.string(),
  name: z.string(),
  /** 1-based by vote weight (ties by address); null when not eligible (jailed, tombstoned, resigned). */
  rank: z.number().int().positive().nullable(),
  voteWeight: amount,
  /** Share of all allocated vote weight, 0..1. */
  share: z.number().min(0).max(1),
  status: candidateStatus,
  /** In the producer set of the verified round. */
  inSet: z.boolean(),
  producedBlocks: amount,
  missedBlocks: amount,
  consecutiveMisses: z.number().int().nonnegative(),
  jailedUntil: height.optional(),
  endpoint: z.string(),
  consensusKey: z.string(),
  /** Every field above was proven against this final header. */
  verifiedAt,
});

export const proposalView = z.object({
  id: hashHex,
  proposer: z.string(),
  /** What it decides, in plain words ("Admit Acme Ltd", "Set unbondingPeriod to 1000"). */
  subject: z.string(),
  kind: z.enum(['admitMember', 'removeMember', 'changeParameter']),
  yes: z.number().int().nonnegative(),
  no: z.number().int().nonnegative(),
  members: z.number().int().nonnegative(),
  deadlineHeight: height,
  status: z.enum(['open', 'passed', 'failed', 'lapsed']),
  /** How each member voted, by address. */
  votes: z.array(z.object({ member: z.string(), approve: z.boolean() })),
});

export const networkMethods = {
  'network.status': { input: z.object({}).strict(), output: networkStatus },
  'network.addEndpoint': { input: z.object({ url: z.string().url().max(500) }).strict(), output: networkStatus },
  'network.removeEndpoint': { input: z.object({ url: z.string().max(500) }).strict(), output: networkStatus },
  'network.trustAgain': { input: z.object({ url: z.string().max(500) }).strict(), output: networkStatus },
  /** After how many block intervals without a newer verified block the view is marked stale. */
  'network.setStaleness': {
    input: z.object({ staleAfterBlocks: z.number().int().min(2).max(100_000) }).strict(),
    output: networkStatus,
  },
  /** The current round when `round` is omitted. */
  'network.round': { input: z.object({ round: height.optional() }).strict(), output: roundView },
  'network.candidates': { input: z.object({}).strict(), output: z.array(candidateView) },
  'network.members': {
    input: z.object({}).strict(),
    output: z.object({ members: z.array(z.object({ address: z.string(), name: z.string() })), verifiedAt }),
  },
  'network.proposals': {
    input: z.object({ includeClosed: z.boolean().optional() }).strict(),
    output: z.array(proposalView),
  },
  /**
   * Which network to follow from the next start: the embedded devnet, or a network given by its genesis
   * document (the JSON text) and at least one endpoint. The running session keeps its network.
   */
  'network.choose': {
    input: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('devnet') }).strict(),
      z
        .object({
          kind: z.literal('custom'),
          genesis: z.string().min(2).max(200_000),
          endpoints: z.array(z.string().max(500)).min(1).max(16),
        })
        .strict(),
    ]),
    output: z.object({
      kind: z.enum(['devnet', 'custom']),
      chainId: z.string().optional(),
      restartRequired: z.boolean(),
    }),
  },
  /** Whether text is a valid address of this network (checksum and prefix), for live validation. */
  'network.checkAddress': {
    input: z.object({ address: z.string().max(200) }).strict(),
    output: z.object({ valid: z.boolean(), reason: z.string().optional() }),
  },
} as const;

export const networkEvents = {
  'network.status': networkStatus,
  'network.head': z.object({ height, hash: z.string(), round: height }),
  'network.endpointUntrusted': z.object({ url: z.string(), reason: z.string() }),
} as const;
