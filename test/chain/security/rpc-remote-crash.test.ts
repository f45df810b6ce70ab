import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, postRaw, sleep, startNet, waitUntil, type ChildNode, type StartedNet } from '../resilience/helpers.ts';
import { rawConnect } from './raw-http.ts';

/**
 * Issue 11's remote crashes and RPC errors, against a producer running in its own process (node-process.ts), so
 * "the node stays up" means the process did not exit: an uncaught error there ends it, as it did before the fix.
 */
describe('hostile RPC clients against a node in its own process', () => {
  let net: StartedNet | undefined;
  let child: ChildNode;

  beforeAll(async () => {
    net = await startNet({ producers: 1, seed: 111, blockIntervalMs: 300, childIndex: 0 });
    child = net.child!;
    await waitUntil(
      async () => BigInt((await call(child.rpcUrl, 'chain.info')).height) >= 3n,
      60_000,
      'the child node to produce its first blocks',
    );
  });
  afterAll(async () => {
    await net?.stop();
  });

  /** The process is still there, still producing, and still answering over HTTP. */
  async function stillServing(): Promise<void> {
    const before = BigInt((await call(child.rpcUrl, 'chain.info')).height);
    await waitUntil(
      async () => BigInt((await call(child.rpcUrl, 'chain.info')).height) >= before + 2n,
      60_000,
      () => `the node to go on producing; stderr: ${child.stderr()}`,
    );
    expect(child.running, child.stderr()).toBe(true);
  }

  it('survives clients that announce 1,000 body bytes, send 16 and reset the connection', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const socket = await rawConnect(child.rpcUrl);
      socket.on('error', () => {});
      const head =
        'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n';
      await new Promise<void>((resolve) => socket.write(`${head}{"jsonrpc":"2.0"`, () => resolve()));
      // Let the node start reading the body before the reset arrives (the old code then threw from the read).
      await sleep(200);
      socket.resetAndDestroy();
    }
    await stillServing();
    expect(child.stderr()).not.toMatch(/ECONNRESET|aborted/);
  });

  it('answers malformed hex and out-of-range heights with -32602 naming the field, never internal text', async () => {
    const rpc = (method: string, params: unknown) =>
      postRaw(child.rpcUrl, JSON.stringify({ jsonrpc: '2.0', id: 7, method, params }));
    const oddHex = await rpc('tx.submit', { transaction: 'abc' });
    expect(oddHex.body.error, oddHex.text).toMatchObject({ code: -32602 });
    expect(oddHex.body.error.message).toMatch(/transaction: .*even number of hex characters/);

    for (const [method, params, field] of [
      ['state.account', { address: 'not checked yet', height: '99999999999999999999' }, 'height'],
      ['chain.header', { height: '18446744073709551615' }, 'height'],
      ['chain.handOffs', { fromRound: '18446744073709551615' }, 'fromRound'],
      ['chain.round', { round: 9223372036854775808 }, 'round'],
    ] as const) {
      const reply = await rpc(method, params);
      expect(reply.body.error?.code, `${method}: ${reply.text}`).toBe(-32602);
      expect(reply.body.error.message, method).toContain(field);
      expect(reply.text, method).not.toMatch(/bigint|BigInt|too big/);
    }
    await stillServing();
  });

  it('charges each call of a batch by its cost: 50 chain.handOffs get about 10 answers, the rest -32005 with their ids', async () => {
    // Let the budget (burst 200 per client address) fill up again after the calls above.
    await sleep(2500);
    const batch = Array.from({ length: 50 }, (_, id) => ({
      jsonrpc: '2.0',
      id,
      method: 'chain.handOffs',
      params: { fromRound: 0, limit: 100 },
    }));
    const reply = await postRaw(child.rpcUrl, JSON.stringify(batch));
    expect(reply.status, reply.text.slice(0, 300)).toBe(200);
    const answers = reply.body as { id: number; result?: unknown[]; error?: { code: number; message: string } }[];
    expect(answers).toHaveLength(50);
    const served = answers.filter((a) => a.result);
    const limited = answers.filter((a) => a.error);
    // chain.handOffs weighs 20 (chain/rpc/limits.ts): a full bucket of 200 pays for 10, plus what refills meanwhile.
    expect(served.length).toBeGreaterThanOrEqual(5);
    expect(served.length).toBeLessThanOrEqual(15);
    expect(served.map((a) => a.id)).toEqual(Array.from({ length: served.length }, (_, i) => i));
    for (const answer of limited) {
      expect(answer.error!.code).toBe(-32005);
      expect(answer.error!.message).toContain('chain.handOffs');
    }
    expect(limited.map((a) => a.id)).toEqual(Array.from({ length: limited.length }, (_, i) => served.length + i));
    expect(served.every((a) => Array.isArray(a.result) && a.result.length > 0)).toBe(true);
    await stillServing();
  });
});
