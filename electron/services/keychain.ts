import { Entry } from '@napi-rs/keyring';

/** A small interface over the OS keychain, so the vault does not care which backend holds its secret. */
export interface Keychain {
  get(account: string): KeychainResult<Uint8Array | null>;
  set(account: string, secret: Uint8Array): KeychainResult<void>;
  delete(account: string): KeychainResult<boolean>;
}

export type KeychainResult<T> = { ok: true; value: T } | { ok: false; unavailable: true; message: string };

const UNAVAILABLE_HINT =
  'No OS keychain is reachable (on Linux: no Secret Service on the session D-Bus, e.g. gnome-keyring is not running or is locked).';

function unavailable(error: unknown): { ok: false; unavailable: true; message: string } {
  const detail = error instanceof Error ? error.message : String(error);
  return { ok: false, unavailable: true, message: `${UNAVAILABLE_HINT} Detail: ${detail}` };
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
        return { ok: true, value: read(account) };
      } catch (error) {
        return unavailable(error);
      }
    },
    set(account, secret) {
      try {
        entry(account).setSecret(secret);
        return { ok: true, value: undefined };
      } catch (error) {
        return unavailable(error);
      }
    },
    delete(account) {
      try {
        return { ok: true, value: entry(account).deleteCredential() };
      } catch (error) {
        return unavailable(error);
      }
    },
  };
}
