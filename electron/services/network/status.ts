/** network.status: the light node's status in the contract's shape, and the status while it is not running. */
import type { z } from 'zod';
import type { networkStatus } from '../../../shared/contract/schemas/network.ts';
import type { LightNode, LightNodeEvents } from '../light/index.ts';
import { DEFAULT_STALE_AFTER_BLOCKS, freshness, type Freshness } from './freshness.ts';

/** The age changes every millisecond; the page counts it from verifiedTime, so the pushed status changes only with the state. */
function withoutAge({ ageMs: _age, ...rest }: Freshness): Omit<Freshness, 'ageMs'> {
  return rest;
}

export type NetworkStatus = z.infer<typeof networkStatus>;
export type Progress = LightNodeEvents['progress'];

/** Heights are u64 on the chain and plain numbers in the contract; an absurd (unverified) one is capped. */
export function num(value: bigint): number {
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

export interface StatusContext {
  kind: 'devnet' | 'custom';
  chainId: string;
  addressPrefix: string;
}

export interface FreshnessSettings {
  staleAfterBlocks: number;
  blockIntervalMs: number;
}

export function runningStatus(
  context: StatusContext,
  light: LightNode,
  lastProgress: Progress | undefined,
  fresh: FreshnessSettings,
  nowMs = Date.now(),
): NetworkStatus {
  const status = light.status();
  const verifiedTime = num(status.verifiedTime);
  const verified = status.verifiedHeight;
  const target = lastProgress && lastProgress.targetHeight > verified ? lastProgress.targetHeight : verified;
  const phase = !status.syncing
    ? 'synced'
    : lastProgress && lastProgress.phase !== 'synced'
      ? lastProgress.phase
      : 'head';
  const { disagreement } = status;
  return {
    ...context,
    chainId: status.chainId,
    verifiedHeight: num(verified),
    verifiedHash: status.verifiedHash,
    verifiedRound: num(status.verifiedRound),
    headHeight: num(light.announcedHead()),
    syncing: status.syncing,
    progress: { verifiedHeight: num(verified), targetHeight: num(target), phase },
    endpoints: status.endpoints.map((e) => ({
      url: e.url,
      trusted: e.trusted,
      active: e.url === status.activeEndpoint,
      lastSeenHeight: num(e.lastSeenHeight),
      announcedHeight: num(e.announcedHeight),
      behind: e.behind,
      ...(e.peersHeight === undefined ? {} : { peersHeight: num(e.peersHeight) }),
      ...(e.reason ? { reason: e.reason } : {}),
      ...(e.lie ? { lie: e.lie } : {}),
      ...(e.problem ? { problem: e.problem } : {}),
      ...(e.problemKind ? { problemKind: e.problemKind } : {}),
    })),
    verifiedTime,
    freshness: withoutAge(
      freshness({
        nowMs,
        verifiedTimeMs: verifiedTime,
        blockIntervalMs: fresh.blockIntervalMs,
        staleAfterBlocks: fresh.staleAfterBlocks,
        endpoints: status.endpoints,
      }),
    ),
    ...(disagreement
      ? {
          disagreement: {
            height: num(disagreement.height),
            endpoints: [...disagreement.endpoints],
            hashes: [...disagreement.hashes],
            certified: disagreement.certified,
            message: disagreement.message,
          },
        }
      : {}),
    ...(status.problem ? { problem: status.problem } : {}),
  };
}

/** While the devnet starts, or when the light node could not start: what is configured, and why it does not run. */
export function idleStatus(context: StatusContext, endpoints: readonly string[], problem: string): NetworkStatus {
  return {
    ...context,
    verifiedHeight: 0,
    verifiedHash: '',
    verifiedRound: 0,
    headHeight: 0,
    syncing: true,
    progress: { verifiedHeight: 0, targetHeight: 0, phase: 'handOffs' },
    endpoints: endpoints.map((url) => ({ url, trusted: true, active: false, lastSeenHeight: 0 })),
    problem,
    verifiedTime: 0,
    freshness: { state: 'loading', thresholdMs: 0, staleAfterBlocks: DEFAULT_STALE_AFTER_BLOCKS },
  };
}
