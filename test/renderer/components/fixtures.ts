import type { MethodOutput } from '../../../shared/contract/ipc.ts';

type VaultStatus = MethodOutput<'vault.status'>;
type VaultAccount = VaultStatus['accounts'][number];
type NetworkStatus = MethodOutput<'network.status'>;
type AccountView = MethodOutput<'wallet.account'>;

export const HASH = 'ab'.repeat(32);
export const ADDRESS_1 = 'cdev1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq1';
export const ADDRESS_2 = 'cdev1zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz2';

export function vaultAccount(overrides: Partial<VaultAccount> = {}): VaultAccount {
  return {
    id: 'acct-1',
    kind: 'derived',
    label: 'Account 1',
    address: ADDRESS_1,
    publicKey: 'cd'.repeat(32),
    mnemonicId: 'm-1',
    index: 0,
    path: "m/44'/0'/0'",
    ...overrides,
  };
}

export function vaultStatus(overrides: Partial<VaultStatus> = {}): VaultStatus {
  return {
    exists: true,
    locked: false,
    mode: 'keychain',
    kdf: { N: 1024, r: 8, p: 1 },
    autoLockMs: 5 * 60_000,
    backoffUntil: null,
    keychainAvailable: true,
    mnemonics: [{ id: 'm-1', label: 'Main', fingerprint: 'abcd1234' }],
    accounts: [vaultAccount()],
    ...overrides,
  };
}

export const noVault = (): VaultStatus =>
  vaultStatus({ exists: false, locked: true, mode: null, kdf: null, mnemonics: [], accounts: [] });

export function networkStatus(overrides: Partial<NetworkStatus> = {}): NetworkStatus {
  return {
    kind: 'devnet',
    chainId: 'consortia-devnet-1',
    addressPrefix: 'cdev',
    verifiedHeight: 1200,
    verifiedHash: HASH,
    verifiedRound: 40,
    headHeight: 1203,
    syncing: false,
    progress: { verifiedHeight: 1200, targetHeight: 1200, phase: 'synced' },
    endpoints: [
      { url: 'http://127.0.0.1:26657', trusted: true, active: true, lastSeenHeight: 1203 },
      {
        url: 'http://127.0.0.1:26658',
        trusted: false,
        reason: 'It served a header whose certificate did not verify.',
        active: false,
        lastSeenHeight: 900,
      },
    ],
    ...overrides,
  };
}

export function accountView(overrides: Partial<AccountView> = {}): AccountView {
  return {
    address: ADDRESS_1,
    liquid: '1234500000',
    staked: '2000000',
    allocated: '1500000',
    unbonding: [
      { amount: '250000', releaseHeight: 1300, releaseAt: Date.now() + 60_000 },
      { amount: '750000', releaseHeight: 1400, releaseAt: Date.now() + 120_000 },
    ],
    withdrawable: '0',
    allocations: [],
    nonce: 3,
    isMember: true,
    exists: true,
    verifiedAt: { height: 1200, blockHash: HASH },
    ...overrides,
  };
}
