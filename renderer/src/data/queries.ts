import { QueryClient, useQuery } from '@tanstack/react-query';
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import { useBridge } from './BridgeContext.tsx';
import { hasCode, unwrap } from './contract.ts';

export type VaultStatus = MethodOutput<'vault.status'>;
export type NetworkStatus = MethodOutput<'network.status'>;
export type AccountView = MethodOutput<'wallet.account'>;

export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  vaultStatus: ['vault', 'status'] as const,
  networkStatus: ['network', 'status'] as const,
  wallet: ['wallet'] as const,
  account: (address: string) => ['wallet', 'account', address] as const,
};

/**
 * An area that is still starting (or not built yet), or that no endpoint could answer truthfully, is
 * asked again now and then, so its screen fills in by itself once an endpoint answers or is trusted again.
 */
const UNAVAILABLE_POLL_MS = 3000;
export const pollWhileUnavailable = (query: { state: { error: unknown } }): number | false =>
  hasCode(query.state.error, 'UNAVAILABLE') ||
  hasCode(query.state.error, 'UNREACHABLE') ||
  hasCode(query.state.error, 'UNVERIFIED')
    ? UNAVAILABLE_POLL_MS
    : false;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // A contract error is an answer, not a flaky fetch: show it at once instead of retrying behind the person's back.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 },
      mutations: { retry: false },
    },
  });
}

export function useAppInfo() {
  const bridge = useBridge();
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => unwrap(bridge.appInfo({})), staleTime: Infinity });
}

export function useVaultStatus() {
  const bridge = useBridge();
  return useQuery({ queryKey: queryKeys.vaultStatus, queryFn: () => unwrap(bridge.vaultStatus({})) });
}

export function useNetworkStatus() {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.networkStatus,
    queryFn: () => unwrap(bridge.networkStatus({})),
    refetchInterval: pollWhileUnavailable,
  });
}

export function useAccount(address: string | null) {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.account(address ?? ''),
    queryFn: () => unwrap(bridge.walletAccount({ address: address! })),
    enabled: address !== null,
    refetchInterval: pollWhileUnavailable,
  });
}
