import { describe, expect, it } from 'vitest';
import { createBridge, type Transport } from '../../shared/contract/bridge.ts';
import { eventNames, methodNames } from '../../shared/contract/channels.ts';
import { events, methods } from '../../shared/contract/ipc.ts';
import { ServiceError } from '../../electron/services/errors.ts';
import { Registry } from '../../electron/services/registry.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createServices } from '../../electron/services/index.ts';
import { unusedHandlers } from '../helpers/unused-handlers.ts';

describe('IPC contract', () => {
  it('names exactly the channels that have schemas', () => {
    expect([...methodNames].sort()).toEqual(Object.keys(methods).sort());
    expect([...eventNames].sort()).toEqual(Object.keys(events).sort());
  });

  it('derives one named method per channel and one listener per event, and nothing generic', async () => {
    const calls: [string, unknown][] = [];
    const transport: Transport = {
      call: async (method, input) => {
        calls.push([method, input]);
        return { ok: true, value: null };
      },
      subscribe: () => () => undefined,
    };
    const bridge = createBridge(transport);
    expect(Object.keys(bridge)).toHaveLength(methodNames.length + eventNames.length);
    expect(Object.keys(bridge)).toEqual(
      expect.arrayContaining(['appEcho', 'appInfo', 'vaultUnlock', 'walletSubmit', 'onAppHeartbeat', 'onVaultChanged']),
    );
    expect(bridge).not.toHaveProperty('invoke');
    expect(Object.isFrozen(bridge)).toBe(true);
    await bridge.appEcho({ text: 'hi' });
    expect(calls).toEqual([['app.echo', { text: 'hi' }]]);
  });
});

describe('main-side registry', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'consortia-contract-'));
  const services = createServices({ dataDir, host: 'web', heartbeatMs: 60_000, network: 'none' });

  it('answers a valid call with {ok, value}', async () => {
    const result = await services.registry.typedCall('app.info', {});
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.dataDir).toBe(dataDir);
      expect(result.value.mode).toBe('online');
      expect(result.value.host).toBe('web');
      expect(result.value.version).toMatch(/^\d+\.\d+\.\d+/);
    }
  });

  it('refuses a channel outside the contract', async () => {
    const result = await services.registry.call('vault.exportEverything', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    // Prototype keys are not channels either.
    expect(await services.registry.call('toString', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
  });

  it('returns a validation error naming the field, for malformed input', async () => {
    const result = await services.registry.call('app.echo', { text: 42 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.issues?.[0]?.path).toBe('text');
    }
    expect(await services.registry.call('app.echo', { text: 'ok', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await services.registry.call('app.echo', 'not an object')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('turns service errors into readable Result errors, and checks output shape', async () => {
    const registry = new Registry({
      ...unusedHandlers,
      'app.info': () => {
        throw new ServiceError('UNAVAILABLE', 'The keychain is locked.');
      },
      // A buggy handler answering the wrong shape must not reach the page.
      'app.echo': () => ({ text: 5 }) as never,
    });
    expect(await registry.call('app.info', {})).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'The keychain is locked.' },
    });
    expect(await registry.call('app.echo', { text: 'x' })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('pushes contract events and validates their payloads', () => {
    const seen: unknown[] = [];
    const stop = services.hub.listen((event, payload) => seen.push([event, payload]));
    services.hub.emit('app.heartbeat', { seq: 1, at: 5 });
    expect(seen).toEqual([['app.heartbeat', { seq: 1, at: 5 }]]);
    expect(() => services.hub.emit('app.heartbeat', { seq: -1, at: 5 })).toThrow();
    stop();
  });
});
