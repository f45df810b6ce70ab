/**
 * One endpoint's WebSocket (calls and subscriptions share it: the node's rate limits are per
 * connection), through the typed client of shared/node/rpc-client.ts with the RPC contract: every
 * result, refusal and notification is checked against the contract's schema before anything here
 * reads it, and an answer that does not conform is a malformed answer (VerificationError: the
 * endpoint loses trust). The shared RPC client has no "closed" event, so a dropped socket is noticed
 * when a call fails; the socket is then forgotten and the next call opens a new one (`generation`
 * tells a subscriber its subscription went with the old socket).
 */
import {
  rpcContract,
  rpcMethodCost,
  type RpcContract,
  type RpcMethodName,
  type RpcParams,
  type RpcResult,
  type RpcTopic,
  type RpcTopicPayload,
} from '../../../shared/contract/rpc.ts';
import {
  CLIENT_ERROR,
  RpcClientError,
  typedRpc,
  wsRpcClient,
  type RpcFailure,
  type Subscription,
  type TypedRpcSocket,
} from '../../../shared/node/rpc-client.ts';
import { VerificationError } from './errors.ts';

/**
 * A call that failed because the light node itself dropped the socket (after a lie was caught, a
 * timeout, a reset): the consequence of its own decision, not a fault of the endpoint, so it is
 * never reported as one ("closed (1005)").
 */
export class SelfClosedError extends RpcClientError {
  constructor(url: string) {
    super(CLIENT_ERROR.CLOSED, `The light node closed its connection to ${url} itself.`);
    this.name = 'SelfClosedError';
  }
}

type Socket = TypedRpcSocket<RpcContract>;

/** Failures of the connection itself, as opposed to an answer (error or result) from the node. */
const CONNECTION_FAILURES: ReadonlySet<number> = new Set([
  CLIENT_ERROR.UNREACHABLE,
  CLIENT_ERROR.TIMEOUT,
  CLIENT_ERROR.CLOSED,
  CLIENT_ERROR.BAD_RESPONSE,
  CLIENT_ERROR.BAD_URL,
]);

export function isConnectionFailure(error: unknown): boolean {
  return error instanceof RpcClientError && CONNECTION_FAILURES.has(error.code);
}

/** The WebSocket address of an endpoint given as http(s):// or ws(s)://. */
export function socketUrl(url: string): string {
  return url.replace(/^http(s?):\/\//i, 'ws$1://');
}

const PACE_PER_SECOND = 50;
const PACE_BURST = 100;
/**
 * Following the chain (headers, hand-offs, heights) has its own budget, so reads a busy page asks for never
 * delay the verified head: together the two lanes stay under the node's 100 units/s and bursts of 200.
 */
const FOLLOW_SHARE = 0.8;
const FOLLOW_METHODS: ReadonlySet<RpcMethodName> = new Set(['chain.header', 'chain.handOffs', 'chain.info']);

/** A socket's close handshake can hang on a dead peer; closing never waits longer than this. */
const CLOSE_WAIT_MS = 1000;

async function closeQuickly(socket: Socket | undefined): Promise<void> {
  if (!socket) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    socket.close().catch(() => undefined),
    new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS))),
  ]);
  clearTimeout(timer);
}

/**
 * Keeps this connection under the node's rate limit (docs/RPC.md: 100 units/s, bursts of 200, each call
 * costing its method's weight) when catching up over many rounds: a refused request (error -32005) would
 * only have to be retried.
 *
 * Calls are served in the order they ask: each reserves its cost at once (the balance may go below zero) and
 * waits until the balance it left is paid back. Waiting instead until enough tokens are free starved costly
 * calls: while cheap reads kept the bucket near empty (a page polling the light node), a chain.handOffs (20)
 * never found 20 tokens, and the light node stopped at the next round's hand-off with its lock held.
 */
export class Pace {
  private readonly burst: number;
  private tokens: number;
  private last = Date.now();

  constructor(private readonly perSecond: number) {
    if (!(perSecond > 0))
      throw new RangeError(`The light node's request pace must be above 0 requests per second, not ${perSecond}`);
    this.burst = perSecond * (PACE_BURST / PACE_PER_SECOND);
    this.tokens = this.burst;
  }

  async take(cost: number): Promise<void> {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perSecond) / 1000);
    this.last = now;
    this.tokens -= Math.min(cost, this.burst);
    if (this.tokens >= 0) return;
    await new Promise((resolve) => setTimeout(resolve, Math.ceil((-this.tokens * 1000) / this.perSecond)));
  }
}

export class Connection {
  /** Calls the endpoint answered (result or error); a task served from the light node's own store adds none. */
  answers = 0;
  private current: { socket: Promise<Socket>; generation: number } | undefined;
  private generations = 0;
  private closed = false;
  private readonly readPace: Pace;
  private readonly followPace: Pace;
  /** Sockets this side dropped: calls still waiting on them fail with SelfClosedError. */
  private readonly dropped = new WeakSet<Promise<Socket>>();

  constructor(
    readonly url: string,
    private readonly timeoutMs: number,
    requestsPerSecond = PACE_PER_SECOND,
  ) {
    this.readPace = new Pace(requestsPerSecond);
    this.followPace = new Pace(requestsPerSecond * FOLLOW_SHARE);
  }

  /**
   * The method's result, checked against the contract. A failure is thrown: the node's error or a connection
   * failure as an RpcClientError (a refusal's data already checked), an answer not in the contract's form as a
   * VerificationError.
   */
  async call<M extends RpcMethodName>(method: M, params: RpcParams<M>): Promise<RpcResult<M>> {
    await (FOLLOW_METHODS.has(method) ? this.followPace : this.readPace).take(rpcMethodCost(method));
    const { socket } = this.open();
    const outcome = await (await socket).call(method, params);
    if (outcome.ok || !CONNECTION_FAILURES.has(outcome.error.code)) this.answers++;
    if (outcome.ok) return outcome.value as RpcResult<M>;
    throw this.failed(socket, method, outcome.error);
  }

  /**
   * Subscribes on the current socket (opening one if needed); notifications, checked against the topic's schema,
   * go to onEvent (one that does not conform is dropped: a notification is only a hint to ask).
   */
  async subscribe<T extends RpcTopic>(
    topic: T,
    onEvent: (payload: RpcTopicPayload<T>) => void,
  ): Promise<{ subscription: Subscription; generation: number }> {
    const { socket, generation } = this.open();
    const outcome = await (await socket).subscribe(topic, (payload) => onEvent(payload as RpcTopicPayload<T>));
    if (outcome.ok) return { subscription: outcome.value, generation };
    throw this.failed(socket, 'subscribe', outcome.error);
  }

  /** A failed call as the pool classifies it (endpoints.ts), forgetting a socket that failed. */
  private failed(socket: Promise<Socket>, method: string, failure: RpcFailure): Error {
    if (failure.code === CLIENT_ERROR.NONCONFORMING)
      return VerificationError.malformed(method, `it is not in the form the RPC contract gives (${failure.issue})`);
    const error = new RpcClientError(failure.code, failure.message, failure.data);
    if (this.dropped.has(socket) && isConnectionFailure(error)) return new SelfClosedError(this.url);
    if (isConnectionFailure(error)) this.forget(socket);
    return error;
  }

  /** True while the socket a subscription was made on is still the one in use. */
  isCurrent(generation: number): boolean {
    return this.current?.generation === generation;
  }

  /** Drops the socket; the next call opens a new one. */
  reset(): void {
    if (this.current) this.forget(this.current.socket);
  }

  async close(): Promise<void> {
    this.closed = true;
    const current = this.current;
    this.current = undefined;
    if (current) this.dropped.add(current.socket);
    await closeQuickly(await current?.socket.catch(() => undefined));
  }

  private open(): { socket: Promise<Socket>; generation: number } {
    if (this.closed) {
      return { socket: Promise.reject(new SelfClosedError(this.url)), generation: -1 };
    }
    if (!this.current) {
      const socket = wsRpcClient(socketUrl(this.url), { timeoutMs: this.timeoutMs }).then((client) =>
        typedRpc(client, rpcContract),
      );
      socket.catch(() => this.forget(socket));
      this.current = { socket, generation: ++this.generations };
    }
    return this.current;
  }

  private forget(socket: Promise<Socket>): void {
    if (this.current?.socket !== socket) return;
    this.current = undefined;
    this.dropped.add(socket);
    void socket.then(closeQuickly, () => undefined);
  }
}
