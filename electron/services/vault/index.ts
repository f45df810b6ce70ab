// The vault's public face; the rest of the app imports from here.
export { Vault, DEFAULT_AUTO_LOCK_MS, type VaultOptions, type CreateOptions, type VaultStatus } from './vault.ts';
export { KEYCHAIN_SERVICE, MIN_PASSWORD_LENGTH } from './wrap.ts';
export { DEFAULT_KDF, type KdfParams } from './envelope.ts';
export { systemClock, BACKOFF_START_MS, BACKOFF_CAP_MS, type Clock } from './clock.ts';
export type { AccountInfo, MnemonicInfo, ConsensusKeyInfo } from './records.ts';
export type { VaultMode } from './schema.ts';
