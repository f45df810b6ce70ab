import { Entry } from '@napi-rs/keyring';
import { fail, ok, type Result } from '../../shared/contract/result.ts';

/**
 * A small interface over the OS keychain, so the vault does not care which backend holds its secret. Its one
 * failure is UNAVAILABLE (no keychain answers); the vault words it for the page with a key of its own.
 */
export interface Keychain {
  get(account: string): Result<Uint8Array | null>;
  set(account: string, secret: Uint8Array): Result<void>;
  delete(account: string): Result<boolean>;
}

const UNAVAILABLE_HINT =
  'No OS keychain is reachable (on Linux: no Secret Service on the session D-Bus, e.g. gnome-keyring is not running or is locked).';

function unavailable(error: unknown): Result<never> {
  const detail = error instanceof Error ? error.message : String(error);
  return fail('UNAVAILABLE', `${UNAVAILABLE_HINT} Detail: ${detail}`);
}

/**
 * The OS keychain through @napi-rs/keyring (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows).
 * On Linux the entry is pinned to the Secret Service: the library would otherwise fall back silently to the kernel
 * keyring, which forgets everything at reboot and would lose the vault's wrapping secret. Pinned, the constructor
 * throws when no Secret Service is reachable, and that becomes a plain "unavailable" answer.
 */
export function osKeychain(service: string): Keychain {
  const entry = (account: string) => new Entry(service, account, { linux: { store: 'secret-service' } });
  const read = (account: string): Uint8Array | null => {
    const secret = entry(account).getSecret();
    return secret === null ? null : Uint8Array.from(secret);
  };
  return {
    get(account) {
      try {
        return ok(read(account));
      } catch (error) {
        return unavailable(error);
      }
    },
    set(account, secret) {
      try {
        entry(account).setSecret(secret);
        return ok(undefined);
      } catch (error) {
        return unavailable(error);
      }
    },
    delete(account) {
      try {
        return ok(entry(account).deleteCredential());
      } catch (error) {
        return unavailable(error);
      }
    },
  };
}

/**
 * A keychain that never answers, as on a machine without one: for benches and tests that use password-only vaults
 * (a keychain-mode vault then refuses to be created, as it would there). `why` is its message.
 */
export function absentKeychain(why: string): Keychain {
  const absent = () => fail('UNAVAILABLE', why);
  return { get: absent, set: absent, delete: absent };
}
