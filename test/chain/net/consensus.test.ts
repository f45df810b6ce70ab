import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex } from '@noble/hashes/utils.js';
import { startTestNet, waitFor, type TestNet } from './devnet-helpers.ts';

describe('4-producer devnet', () => {
  let net: TestNet;
  beforeAll(async () => {
    net = await startTestNet(4);
  });
  afterAll(() => net?.stop());

  it('produces and finalizes blocks, with the same hash at every height on every node', async () => {
    await waitFor(() => net.nodes.every((n) => n.chain.height() >= 8n), 60_000, 'all nodes at height 8');
    const common = net.nodes.reduce((min, n) => (n.chain.height() < min ? n.chain.height() : min), 1n << 60n);
    for (let h = 1n; h <= common; h++) {
      const hashes = new Set(net.nodes.map((n) => bytesToHex(n.chain.headerHashAt(h)!)));
      expect(hashes.size, `height ${h}`).toBe(1);
      for (const node of net.nodes) {
        const cert = node.chain.certificate(h)!;
        expect(node.chain.checkCertificate(cert, h, node.chain.headerHashAt(h)!)).toEqual({ ok: true });
      }
    }
  });
});
