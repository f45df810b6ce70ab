// Issue 11, replay: the recorded bytes of an earlier session, sent again, authenticate no one.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Cluster, connected, sleep, waitFor } from '../p2p/helpers.ts';
import { collect, RecordingProxy } from './transport-helpers.ts';

const cluster = new Cluster();
let proxy: RecordingProxy | undefined;
afterEach(async () => {
  await cluster.closeAll();
  await proxy?.close();
});

describe('a replayed handshake', () => {
  it('is refused: the node answers with fresh key shares, so the recorded client half no longer fits', async () => {
    const x = await cluster.start();
    const v = await cluster.start();
    proxy = await RecordingProxy.start(x.port);
    v.addPeer(proxy.url);
    await waitFor(() => connected(v, x), 'the recorded session');
    await sleep(100); // let the hellos cross too
    await cluster.nodes.splice(1, 1)[0]!.close(); // v leaves; x now has no peer
    await waitFor(() => x.peers().length === 0, 'v to be gone');
    const recorded = proxy.recorded.filter((r) => r.connection === 0 && r.direction === 'toServer').map((r) => r.chunk);
    expect(recorded.length).toBeGreaterThan(1);
    const completed = x.counters().handshakesCompleted;

    const attacker = connect(x.port, '127.0.0.1');
    const closed = collect(attacker);
    await new Promise<void>((resolve) => attacker.once('connect', resolve));
    for (const chunk of recorded) {
      if (attacker.destroyed) break;
      attacker.write(chunk);
      await sleep(20);
    }
    await closed; // x ends the connection (TLS alert: the replayed Finished does not match this transcript)
    expect(x.counters().handshakesCompleted).toBe(completed);
    expect(x.peers()).toEqual([]);
  });
});
