/**
 * Cross-checking: another endpoint is asked for the header at the verified height; the two must be
 * the same block. A different block that is not certified means that endpoint serves a chain the
 * validators never finalised (it is untrusted). A different block that IS certified would mean a
 * third or more of the validators signed two conflicting blocks at one height: the network's safety
 * has failed, and no verified answer can be relied on until people resolve it.
 */
import type { SignatureVerifier } from '../../../shared/core/crypto/index.ts';
import { equalBytes } from '../../../shared/core/encoding/index.ts';
import { headerHash } from '../../../shared/core/types/index.ts';
import { certifiedHeader } from './answers.ts';
import type { VerifiedChain } from './chain.ts';
import type { Clock, Disagreement } from './config.ts';
import type { Endpoint, EndpointPool } from './endpoints.ts';
import { sentence, VerificationError } from './errors.ts';
import type { RoundSets } from './rounds.ts';
import type { StoredHeader } from './store.ts';
import { toHex } from './wire.ts';

export type CrossCheck =
  | { readonly agree: true }
  | {
      readonly agree: false;
      readonly disagreement: Disagreement;
      /** For an uncertified block: why it fails. */ readonly reason?: string;
    };

export async function crossCheck(
  ours: StoredHeader,
  other: Endpoint,
  sets: RoundSets,
  chainId: string,
  verifier: SignatureVerifier,
): Promise<CrossCheck> {
  const height = ours.header.height;
  const theirs = certifiedHeader(await other.connection.call('chain.header', { height: height.toString() }), height);
  const theirHash = headerHash(theirs.header);
  if (equalBytes(theirHash, ours.hash)) return { agree: true };
  const verdict = sets.verifyPast(theirs, chainId, verifier);
  const source = ours.source ?? 'the trusted starting point';
  const hashes = [toHex(ours.hash), toHex(theirHash)] as const;
  const base = { height, endpoints: [source, other.url] as const, hashes };
  if (verdict.ok) {
    const message =
      `Safety failure: ${source} and ${other.url} both serve a certified block at height ${height}, and the blocks differ ` +
      `(${hashes[0].slice(0, 8)}… and ${hashes[1].slice(0, 8)}…). That can only happen if a third or more of the validators ` +
      `signed two conflicting blocks. Balances and transactions cannot be shown as confirmed until this is resolved.`;
    return { agree: false, disagreement: { ...base, certified: true, message } };
  }
  const message =
    `${other.url} serves a different block at height ${height} (${hashes[1].slice(0, 8)}…) than the verified one from ${source} ` +
    `(${hashes[0].slice(0, 8)}…). Its block is not certified by the validators, so ${other.url} is no longer trusted.`;
  return { agree: false, disagreement: { ...base, certified: false, message }, reason: verdict.reason };
}

export interface CrossCheckerDeps {
  readonly pool: EndpointPool;
  readonly chain: VerifiedChain;
  readonly verifier: SignatureVerifier;
  readonly clock: Clock;
  readonly intervalMs: number;
  readonly report: (disagreement: Disagreement) => void;
  /** Background work the light node waits for when it closes. */
  readonly track: (task: Promise<unknown>) => void;
}

/** Now and then, every other trusted endpoint is asked for the verified height's header. */
export class CrossChecker {
  private last = -Infinity;
  private running = false;

  constructor(private readonly deps: CrossCheckerDeps) {}

  maybeRun(): void {
    const { pool, chain, clock } = this.deps;
    const now = clock.now();
    if (this.running || now - this.last < this.deps.intervalMs) return;
    const ours = chain.head();
    if (ours.certificate === null) return; // the trust root: nothing an endpoint serves to compare with
    const active = pool.active();
    const others = pool.ordered().filter((e) => e !== active);
    if (others.length === 0) return;
    this.last = now;
    this.running = true;
    const checks = others.map((other) => pool.attempt(other, (endpoint) => this.check(ours, endpoint)));
    this.deps.track(Promise.allSettled(checks).finally(() => (this.running = false)));
  }

  private async check(ours: StoredHeader, endpoint: Endpoint): Promise<void> {
    const { pool, chain, verifier } = this.deps;
    const result = await crossCheck(ours, endpoint, chain.sets, chain.chainId, verifier);
    if (result.agree) return pool.seen(endpoint, ours.header.height);
    this.deps.report(result.disagreement);
    if (!result.disagreement.certified) {
      throw new VerificationError(
        `${sentence(result.disagreement.message)} Its block fails verification: ${result.reason}`,
      );
    }
  }
}
