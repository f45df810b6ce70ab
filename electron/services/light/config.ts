/** What a LightNode is given, what it reports, and the events it emits. */
import type { SignatureVerifier } from '../../../shared/core/crypto/index.ts';
import type { GenesisDoc } from '../../../shared/core/genesis/index.ts';
import type { Checkpoint, UnbondingParameters } from '../../../shared/core/light/index.ts';
import type { Hash } from '../../../shared/core/types/index.ts';
import type { LieKind } from './lies.ts';

/** Trust from the network's genesis document: the embedded devnet's, or one the user imported. */
export interface GenesisStart {
  readonly genesis: GenesisDoc;
  /** The network's identity from a trusted source; defaults to the document's own hash (the user chose the document). */
  readonly genesisDocHash?: Hash;
}

/** Trust from a checkpoint younger than the unbonding period, obtained from a trusted source. */
export interface CheckpointStart {
  readonly checkpoint: Checkpoint;
  readonly chainId: string;
  readonly addressPrefix: string;
  /** The network's unbonding period (as governance last set it). */
  readonly params: UnbondingParameters;
  /** When known, endpoints running another genesis are refused. */
  readonly genesisDocHash?: Hash;
}

export type StartFrom = GenesisStart | CheckpointStart;

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export interface LightNodeTiming {
  /** Per RPC request and connection attempt (default 10 s). */
  readonly requestTimeoutMs?: number;
  /** No new head for this long: probe the endpoint, reconnect or switch (default 10 s). */
  readonly stallMs?: number;
  /** How often each other endpoint is asked for the header at the verified height (default 5 s). */
  readonly crossCheckMs?: number;
  /** How often every endpoint is asked for its newest height, to find one that withholds new heads (default 3 s). */
  readonly surveyMs?: number;
  /** How long an unreachable endpoint is left alone before it is tried again (default 5 s). */
  readonly retryMs?: number;
  /**
   * Requests per second per endpoint connection, in bursts of twice as many (default 50: under the
   * node's default limit of 100/s). Raise it only for a node configured with a higher limit.
   */
  readonly requestsPerSecond?: number;
}

export interface LightNodeConfig {
  readonly startFrom: StartFrom;
  /** JSON-RPC endpoints, in order of preference: http(s):// or ws(s):// (one WebSocket each is used). */
  readonly endpoints: readonly string[];
  /** SQLite file for verified headers, hand-offs and endpoint trust. */
  readonly dataFile: string;
  readonly clock?: Clock;
  /** Pass opensslVerifier (shared/node/ed25519-openssl.ts) in production; that is the default. */
  readonly verifier?: SignatureVerifier;
  readonly timing?: LightNodeTiming;
  /**
   * What to do when the stored trusted header is older than the unbonding period: refuse to start
   * (the default: the user decides), or forget the stored chain and start again from `startFrom`.
   */
  readonly whenStoredTrustIsStale?: 'refuse' | 'start-over';
}

/** Why an endpoint could not answer, in kinds the page words itself (the RPC client's sentence stays the detail). */
export type EndpointProblemKind = 'unreachable' | 'timeout' | 'closed' | 'badResponse' | 'nodeError';

export interface EndpointStatus {
  readonly url: string;
  readonly trusted: boolean;
  /** Why it is not trusted, as a sentence for the UI. */
  readonly reason?: string;
  /** The newest height it served that verified. */
  readonly lastSeenHeight: bigint;
  /** What it did, in a kind the UI words plainly (with `reason`). */
  readonly lie?: LieKind;
  /** Its last connection problem, if the latest attempt failed (not a trust issue). */
  readonly problem?: string;
  /** The kind of that problem, for the page to word in the person's language. */
  readonly problemKind?: EndpointProblemKind;
  /** The newest height it announced (unverified). */
  readonly announcedHeight: bigint;
  /**
   * It keeps announcing an older head than another endpoint's certified one, or its own peers report heights
   * well above what it serves (see LightNode's survey).
   */
  readonly behind: boolean;
  /** The highest height its own peers reported lately, when it says (unverified). */
  readonly peersHeight?: bigint;
}

/** Two endpoints give different blocks at one height. */
export interface Disagreement {
  readonly height: bigint;
  /** The endpoint whose block the light node verified, and the one that disagrees. */
  readonly endpoints: readonly [string, string];
  readonly hashes: readonly [string, string];
  /** Both blocks carry valid certificates: the network's safety has failed. */
  readonly certified: boolean;
  readonly message: string;
}

export interface LightNodeStatus {
  readonly chainId: string;
  readonly verifiedHeight: bigint;
  readonly verifiedHash: string;
  readonly verifiedRound: bigint;
  /** The verified head's certified timestamp (ms since the epoch): how old everything shown is. */
  readonly verifiedTime: bigint;
  readonly syncing: boolean;
  readonly endpoints: readonly EndpointStatus[];
  readonly activeEndpoint: string | null;
  readonly disagreement?: Disagreement;
  /** What stops the light node now (no trusted endpoint left, …), as a sentence. */
  readonly problem?: string;
}

export type SyncPhase = 'handOffs' | 'head' | 'synced';

export interface LightNodeEvents {
  progress: { readonly verifiedHeight: bigint; readonly targetHeight: bigint; readonly phase: SyncPhase };
  head: { readonly height: bigint; readonly hash: string; readonly round: bigint };
  endpointUntrusted: { readonly url: string; readonly reason: string };
  disagreement: Disagreement;
}
