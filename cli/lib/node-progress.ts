/**
 * What `consortia node start` shows while it runs: a line per committed height once in step with the network,
 * a progress line (height / target) while catching up, and a status line when blocks stop coming.
 * The target is the highest height peers report over P2P, since the node's metrics only know its own height.
 */
import type { ConsortiaNode } from '../../chain/node.ts';
import type { CommittedInfo } from '../../chain/consensus/engine.ts';
import { statusCodec, Topic } from '../../chain/consensus/messages.ts';
import type { Output } from '../output.ts';
import { commitFields, commitLine, type EventLine } from './foreground.ts';

const POLL_MS = 2000;

export function followNode(node: ConsortiaNode, emit: EventLine, output: Output): { stop(): void } {
  let target = 0n;
  let syncing = false;
  let lastCommitAt = Date.now();
  let polling = false;
  let reportedAt = 0;
  const intervalMs = Number(node.chain.context().params.blockIntervalMs);

  const report = (height: bigint) => {
    reportedAt = Date.now();
    if (output.json) emit('sync', { height, target }, '');
    else output.progress(`syncing: height ${height} / ${target}`);
  };

  const onCommit = (info: CommittedInfo) => {
    lastCommitAt = Date.now();
    if (syncing) {
      if (lastCommitAt - reportedAt > 250) report(info.height);
      return;
    }
    const fields = commitFields(info, node);
    emit('commit', fields, commitLine(fields));
  };
  node.events.on('commit', onCommit);

  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      target = (await peerHeights(node)).reduce((max, h) => (h > max ? h : max), target);
      const height = node.chain.height();
      // More than a block behind: catching up, not following.
      if (target > height + 1n) {
        syncing = true;
        report(height);
      } else if (syncing) {
        syncing = false;
        emit('synced', { height }, `synced: height ${height}`);
      } else if (Date.now() - lastCommitAt > Math.max(10_000, 5 * intervalMs)) {
        const { peers, bftRound } = node.metrics();
        emit(
          'waiting',
          { height, peers, round: bftRound },
          `waiting for blocks: height ${height}  round ${bftRound}  peers ${peers}`,
        );
        lastCommitAt = Date.now();
      }
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => void poll(), POLL_MS);

  return {
    stop() {
      clearInterval(timer);
      node.events.off('commit', onCommit);
    },
  };
}

/** Each connected peer's committed height; peers that do not answer in time are left out. */
async function peerHeights(node: ConsortiaNode): Promise<bigint[]> {
  const answers = await Promise.allSettled(
    node.p2p.peers().map((peer) => node.p2p.request(peer.id, Topic.STATUS, new Uint8Array(), { timeoutMs: 1500 })),
  );
  const heights: bigint[] = [];
  for (const answer of answers) {
    if (answer.status !== 'fulfilled') continue;
    const status = statusCodec.decode(answer.value);
    if (status.ok) heights.push(status.value.height);
  }
  return heights;
}
