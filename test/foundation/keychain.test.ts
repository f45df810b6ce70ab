import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { osKeychain } from '../../electron/services/keychain.ts';

// These run against the real Secret Service that `npm test` starts (gnome-keyring in a private D-Bus session).
describe('OS keychain through @napi-rs/keyring', () => {
  it('stores, reads and deletes a secret in the real Secret Service', () => {
    const keychain = osKeychain('consortia-test');
    const account = `probe-${randomBytes(6).toString('hex')}`;
    const secret = randomBytes(32).toString('base64');
    const bytes = new TextEncoder().encode(secret);
    expect(keychain.set(account, bytes)).toEqual({ ok: true, value: undefined });
    expect(keychain.get(account)).toEqual({ ok: true, value: bytes });
    // Visible to another client of the same Secret Service, so it really is stored there.
    const viaSecretTool = execFileSync('secret-tool', ['lookup', 'service', 'consortia-test', 'username', account], {
      encoding: 'utf8',
    });
    expect(viaSecretTool).toBe(secret);
    expect(keychain.delete(account)).toEqual({ ok: true, value: true });
    expect(keychain.get(account)).toEqual({ ok: true, value: null });
    expect(keychain.delete(account)).toEqual({ ok: true, value: false });
  });

  it('reports plainly when no Secret Service is reachable', () => {
    // A child process on a bus without a Secret Service: the same code must say so, never fall back silently.
    const script = `
      import { osKeychain } from './electron/services/keychain.ts';
      const k = osKeychain('consortia-test');
      console.log(JSON.stringify([k.set('a', new Uint8Array([1])), k.get('a'), k.delete('a')]));
    `;
    // A session bus with no service directories, so nothing can provide org.freedesktop.secrets.
    const out = execFileSync(
      'dbus-run-session',
      [
        '--config-file=test/fixtures/dbus-no-secret-service.conf',
        '--',
        process.execPath,
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const results = JSON.parse(out.trim().split('\n').pop()!);
    expect(results).toHaveLength(3);
    for (const result of results) {
      expect(result.ok).toBe(false);
      expect(result.error.code).toBe('UNAVAILABLE');
      expect(result.error.message).toMatch(/No OS keychain is reachable/);
    }
  });
});
