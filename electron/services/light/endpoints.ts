/**
 * The configured endpoints and how far each is trusted. Work is tried on the preferred trusted
 * endpoint first and falls back to the others: an endpoint whose answer fails verification is
 * marked untrusted for good (kept in the data file, shown with its reason) and never asked again
 * until the user says so; one that cannot be reached is only set aside for a while.
 */
import { fail, ok, type Result } from '../../../shared/contract/result.ts';
import { refusalOf } from '../../../shared/contract/rpc.ts';
import { CLIENT_ERROR, RpcClientError } from '../../../shared/node/rpc-client.ts';
import type { Clock, EndpointProblemKind, EndpointStatus } from './config.ts';
import { Connection, isConnectionFailure, SelfClosedError } from './connection.ts';
import {
  LIGHT_FAILURE_CODES,
  LightNodeError,
  RefusedError,
  sentence,
  VerificationError,
  type LightFailure,
} from './errors.ts';
import { lieOf } from './lies.ts';
import type { LightStore } from './store.ts';
import { quoted } from './wire.ts';

export class Endpoint {
  trusted = true;
  reason: string | undefined;
  lastSeenHeight = 0n;
  /** Its last connection problem: the kind, which the page words, and the technical detail in English. */
  problem: { kind: EndpointProblemKind; detail: string } | undefined;
  /** Not before this time (ms) is an unreachable endpoint preferred again. */
  retryAt = 0;
  /** Whether it was shown to serve this light node's network (checked once per session). */
  vetted = false;
  /** The newest height it announced (chain.info or a head notification; unverified). */
  announcedHeight = 0n;
  /**
   * It keeps announcing an older head than one another endpoint served with a valid certificate:
   * withholding, or just slow. Preferred last until it catches up.
   */
  behind = false;
  /** The highest height its own peers reported lately (chain.info's peersHeight; unverified). */
  peersHeight: bigint | undefined;

  constructor(readonly connection: Connection) {}

  get url(): string {
    return this.connection.url;
  }
}

export interface PoolHooks {
  /** Checks an endpoint once before its first use (that it serves the right network). */
  vet(endpoint: Endpoint): Promise<void>;
  untrusted(url: string, reason: string): void;
  /** The preferred endpoint changed (to undefined when none is trusted). */
  activeChanged(): void;
}

export class EndpointPool {
  readonly endpoints: readonly Endpoint[];
  private activeUrl: string | undefined;

  constructor(
    urls: readonly string[],
    private readonly store: LightStore,
    private readonly clock: Clock,
    private readonly timing: { requestTimeoutMs: number; retryMs: number; requestsPerSecond?: number },
    private readonly hooks: PoolHooks,
  ) {
    const saved = new Map(store.endpoints().map((r) => [r.url, r]));
    this.endpoints = [...new Set(urls)].map((url) => {
      const endpoint = new Endpoint(new Connection(url, timing.requestTimeoutMs, timing.requestsPerSecond));
      const record = saved.get(url);
      if (record) {
        endpoint.trusted = record.trusted;
        endpoint.reason = record.reason ?? undefined;
        endpoint.lastSeenHeight = record.lastSeenHeight;
      }
      return endpoint;
    });
    this.activeUrl = this.active()?.url;
  }

  /** The endpoint the light node follows: the first trusted one not set aside, else the first trusted one. */
  active(): Endpoint | undefined {
    return this.ordered()[0];
  }

  /** Trusted endpoints: reachable ones up to date first, then those behind, then those set aside; each group in configured order. */
  ordered(): Endpoint[] {
    const now = this.clock.now();
    const trusted = this.endpoints.filter((e) => e.trusted);
    const reachable = trusted.filter((e) => e.retryAt <= now);
    return [
      ...reachable.filter((e) => !e.behind),
      ...reachable.filter((e) => e.behind),
      ...trusted.filter((e) => e.retryAt > now),
    ];
  }

  /**
   * Runs `task` on one endpoint after another until one succeeds. A refusal (RefusedError) is the chain's verdict on
   * a transaction, not a fault of the endpoint: it ends the search at once.
   */
  async use<T>(what: string, task: (endpoint: Endpoint) => Promise<T>): Promise<T> {
    const problems: string[] = [];
    let lied = false;
    for (const endpoint of this.ordered()) {
      const outcome = await this.attempt(endpoint, task);
      if (outcome.ok) return outcome.value;
      lied ||= outcome.error.code === LIGHT_FAILURE_CODES.unverified;
      problems.push(`${endpoint.url}: ${outcome.error.message}`);
    }
    const none = this.endpoints.length === 0 ? 'no endpoint is configured' : 'no trusted endpoint is left';
    throw new LightNodeError(
      `Could not ${what}: ${problems.length > 0 ? problems.map(sentence).join(' ') : none}`,
      this.failureOf(lied, problems.length),
      { caughtLie: lied },
    );
  }

  /** Why nothing could answer: a lie caught now or every endpoint left untrusted is "unverified". */
  private failureOf(lied: boolean, tried: number): LightFailure {
    if (lied || (this.endpoints.length > 0 && this.endpoints.every((e) => !e.trusted))) return 'unverified';
    return tried > 0 ? 'unreachable' : 'unavailable';
  }

  /**
   * Runs `task` on this endpoint, classifying a failure: untrusted, set aside, or just unable to answer. The failure
   * is UNVERIFIED when the endpoint lied (now or before), UNREACHABLE otherwise, its message the endpoint's problem.
   * A refusal of a transaction (its data checked against the contract by the connection) is thrown as a
   * RefusedError; one whose data does not conform arrives as a malformed answer (VerificationError) and costs the
   * endpoint its trust.
   */
  async attempt<T>(endpoint: Endpoint, task: (endpoint: Endpoint) => Promise<T>): Promise<Result<T>> {
    try {
      if (!endpoint.vetted) {
        await this.hooks.vet(endpoint);
        endpoint.vetted = true;
      }
      const answered = endpoint.connection.answers;
      const value = await task(endpoint);
      // Only an answer from the endpoint shows it is reachable again: a read served from the light node's own
      // store (a proven record kept, a stored header) says nothing about it.
      if (endpoint.connection.answers > answered) endpoint.problem = undefined;
      return ok(value);
    } catch (error) {
      if (error instanceof VerificationError) {
        this.untrust(endpoint, error.message);
        return failed(`no longer trusted. ${error.message}`, true);
      }
      if (!(error instanceof RpcClientError)) throw error; // ours, not the endpoint's
      const refusal = refusalOf(error);
      if (refusal) {
        endpoint.problem = undefined; // it answered
        throw new RefusedError(endpoint.url, refusal);
      }
      // The light node dropped this socket itself (a lie caught, a timeout): not the endpoint's fault.
      if (error instanceof SelfClosedError || !endpoint.trusted) return failed(error.message, !endpoint.trusted);
      if (isConnectionFailure(error)) {
        // Written by the RPC client, not by the endpoint.
        endpoint.problem = { kind: problemKindOf(error.code), detail: sentence(error.message) };
        endpoint.retryAt = this.clock.now() + this.timing.retryMs;
        this.refreshActive();
      } else {
        endpoint.problem = {
          kind: 'nodeError',
          detail: `It could not answer (error ${error.code}: ${quoted(error.message)}).`,
        };
      }
      return failed(endpoint.problem.detail, false);
    }
  }

  untrust(endpoint: Endpoint, reason: string): void {
    if (!endpoint.trusted) return;
    endpoint.trusted = false;
    endpoint.reason = reason;
    this.save(endpoint);
    endpoint.connection.reset();
    this.hooks.untrusted(endpoint.url, reason);
    this.refreshActive();
  }

  /** The user chose to trust an endpoint again. */
  trustAgain(url: string): void {
    const endpoint = this.endpoints.find((e) => e.url === url);
    if (!endpoint || endpoint.trusted) return;
    endpoint.trusted = true;
    endpoint.reason = undefined;
    endpoint.problem = undefined;
    endpoint.vetted = false;
    this.save(endpoint);
    this.refreshActive();
  }

  /** The endpoint served verified data up to `height`. */
  seen(endpoint: Endpoint, height: bigint): void {
    if (height <= endpoint.lastSeenHeight) return;
    endpoint.lastSeenHeight = height;
    this.save(endpoint);
  }

  /** Rechecks which endpoint is preferred (an unreachable one may be due for another try). */
  refreshActive(): void {
    const url = this.active()?.url;
    if (url === this.activeUrl) return;
    this.activeUrl = url;
    this.hooks.activeChanged();
  }

  status(): EndpointStatus[] {
    return this.endpoints.map((e) => ({
      url: e.url,
      trusted: e.trusted,
      lastSeenHeight: e.lastSeenHeight,
      announcedHeight: e.announcedHeight,
      behind: e.trusted && e.behind,
      ...(e.peersHeight === undefined ? {} : { peersHeight: e.peersHeight }),
      ...(e.reason ? { reason: e.reason, lie: lieOf(e.reason) } : {}),
      ...(e.problem && e.trusted ? { problem: e.problem.detail, problemKind: e.problem.kind } : {}),
    }));
  }

  async close(): Promise<void> {
    await Promise.all(this.endpoints.map((e) => e.connection.close()));
  }

  private save(endpoint: Endpoint): void {
    this.store.saveEndpoint({
      url: endpoint.url,
      trusted: endpoint.trusted,
      reason: endpoint.reason ?? null,
      lastSeenHeight: endpoint.lastSeenHeight,
    });
  }
}

/** One endpoint's failure, as the pool would report it were it the only one tried. */
function failed(problem: string, lied: boolean): Result<never> {
  return fail(LIGHT_FAILURE_CODES[lied ? 'unverified' : 'unreachable'], problem);
}

function problemKindOf(code: number): EndpointProblemKind {
  if (code === CLIENT_ERROR.UNREACHABLE || code === CLIENT_ERROR.BAD_URL) return 'unreachable';
  if (code === CLIENT_ERROR.TIMEOUT) return 'timeout';
  if (code === CLIENT_ERROR.CLOSED) return 'closed';
  return 'badResponse';
}
