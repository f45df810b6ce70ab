// Issue 11, stale admission: a node admits the current and next producer sets and live candidates' current keys,
// and drops a key as soon as a committed block takes it out (rotated away from, resigned).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hexToBytes } from '@noble/hashes/utils.js';
import { addressBytes, deriveAccountKey, publicKeyFromSecret } from '../../../shared/core/crypto/index.ts';
import { CloseCode, P2PNode, type CloseInfo, type HandshakeRejection } from '../../../chain/p2p/index.ts';
import type { ConsortiaNode } from '../../../chain/node.ts';
import { startTestNet, waitFor, type TestNet } from '../net/devnet-helpers.ts';
import { final, submit } from '../net/tx-helpers.ts';

describe('admission follows the chain', () => {
  let net: TestNet;
  const clients: P2PNode[] = [];
  beforeAll(async () => {
    net = await startTestNet(4, { seed: 23 });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await net?.stop();
  });

  /** A bare P2P node holding `secretKey`, dialing node 0 (it admits whatever node 0 is: we test node 0's side). */
  async function client(node0: ConsortiaNode, secretKey: Uint8Array): Promise<P2PNode> {
    const started = await P2PNode.start({
      chainId: node0.chain.chainId,
      genesisHash: node0.chain.genesisHash,
      secretKey,
      isAdmitted: () => true,
      peers: [node0.p2p.url],
      limits: { redialMinMs: 50, redialMaxMs: 500 },
    });
    clients.push(started);
    return started;
  }

  it('refuses an unknown key, admits a registered candidate, and drops its key when rotated away and when it resigns', { timeout: 120_000 }, async () => {
    const [node0] = net.nodes as [ConsortiaNode];
    const funder = net.devnet.memberKeys[0]!;
    const newcomer = deriveAccountKey(new Uint8Array(64).fill(43), 0);
    const firstKey = new Uint8Array(32).fill(8);
    const secondKey = new Uint8Array(32).fill(9);
    const connectedToNode0 = (c: P2PNode) => node0.p2p.peers().some((p) => p.id === c.id);

    // Not a candidate yet: refused.
    const early = await client(node0, firstKey);
    const refused = await new Promise<HandshakeRejection>((resolve) => node0.p2p.once('handshakeRejected', resolve));
    expect(refused).toMatchObject({ code: CloseCode.NOT_ADMITTED, publicKey: early.id });
    expect(connectedToNode0(early)).toBe(false);

    // Funded, voted in as a member, registered with firstKey: the client that kept redialing gets in.
    await final(node0, await submit(node0, funder.accountSecretKey, { type: 'transfer', to: addressBytes(newcomer.publicKey), amount: 500_000_000_000n, memo: '' }));
    const applicationId = await submit(node0, newcomer.secretKey, { type: 'member.apply', name: 'Rotating Ltd', info: 'admission test' });
    await final(node0, applicationId);
    const voters = [...net.devnet.producerKeys.map((k) => k.accountSecretKey), ...net.devnet.memberKeys.map((k) => k.accountSecretKey)];
    for (const id of await Promise.all(voters.slice(0, 5).map((key) => submit(node0, key, { type: 'member.vote', proposalId: hexToBytes(applicationId), approve: true })))) await final(node0, id);
    await final(node0, await submit(node0, newcomer.secretKey, { type: 'candidate.register', name: 'rotating', consensusKey: publicKeyFromSecret(firstKey), endpoint: 'wss://127.0.0.1:1/p2p' }));
    await waitFor(() => connectedToNode0(early), 30_000, 'the registered candidate to be admitted');

    // Key rotated: the old key's session is dropped by the commit, and it cannot come back; the new key can.
    const dropped = new Promise<CloseInfo>((resolve) => node0.p2p.on('peerDisconnected', (peer, close) => peer.id === early.id && resolve(close)));
    await final(node0, await submit(node0, newcomer.secretKey, { type: 'candidate.update', consensusKey: publicKeyFromSecret(secondKey) }));
    expect(await dropped).toMatchObject({ code: CloseCode.NOT_ADMITTED, local: true });
    const rotated = await client(node0, secondKey);
    await waitFor(() => connectedToNode0(rotated), 30_000, 'the rotated key to be admitted');
    expect(connectedToNode0(early)).toBe(false);

    // Resigned: dropped too.
    const resigned = new Promise<CloseInfo>((resolve) => node0.p2p.on('peerDisconnected', (peer, close) => peer.id === rotated.id && resolve(close)));
    await final(node0, await submit(node0, newcomer.secretKey, { type: 'candidate.resign' }));
    expect(await resigned).toMatchObject({ code: CloseCode.NOT_ADMITTED, local: true });
    await new Promise((r) => setTimeout(r, 1000)); // several redial periods
    expect(connectedToNode0(rotated) || connectedToNode0(early)).toBe(false);
    // The producers themselves stay connected throughout.
    expect(net.nodes.slice(1).every((n) => node0.p2p.peers().some((p) => p.id === n.p2p.id))).toBe(true);
  });
});
