import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeAddress } from '../../../shared/core/crypto/index.ts';
import { opensslVerifier } from '../../../shared/node/ed25519-openssl.ts';
import type { LightNodeConfig } from '../../../electron/services/light/index.ts';
import type { TestNet } from '../../chain/net/devnet-helpers.ts';

/** A fresh data file in its own temporary folder. */
export function dataFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'consortia-light-')), 'light.sqlite');
}

/** Trust from the devnet's genesis, with timings short enough for tests (none is asserted on). */
export function lightConfig(net: TestNet, endpoints: string[], extra: Partial<LightNodeConfig> = {}): LightNodeConfig {
  return {
    startFrom: { genesis: net.devnet.doc },
    endpoints,
    dataFile: dataFile(),
    verifier: opensslVerifier,
    timing: { requestTimeoutMs: 5_000, stallMs: 1_500, crossCheckMs: 300, retryMs: 1_000 },
    ...extra,
  };
}

export function addressOf(net: TestNet, address: Uint8Array): string {
  return encodeAddress(net.devnet.doc.addressPrefix, address);
}

/** How long to wait for anything on the devnet: generous, as these machines can be heavily loaded. */
export const SLOW = 90_000;

/** Polls an async condition until it holds (generous timeout: no timing is asserted). */
export async function eventually(
  what: string,
  condition: () => Promise<boolean> | boolean,
  timeoutMs = SLOW,
): Promise<void> {
  const start = Date.now();
  let last: unknown;
  while (Date.now() - start < timeoutMs) {
    try {
      if (await condition()) return;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`,
  );
}

/**
 * A clock running at normal speed but set to one second after `timestampMs`. The devnet's
 * unbonding period is 20 blocks (6 s at 300 ms), which a heavily loaded machine can spend on a few
 * blocks; tests that are not about a header's age use this so a slow machine cannot age it out.
 */
export function clockJustAfter(timestampMs: bigint): { now(): number } {
  const offset = Date.now() - Number(timestampMs) - 1_000;
  return { now: () => Date.now() - offset };
}
