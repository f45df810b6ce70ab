import { createContext, useContext, type ReactNode } from 'react';
import type { Bridge } from '../../../shared/contract/bridge.ts';

const BridgeContext = createContext<Bridge | null>(null);

export function BridgeProvider({ bridge, children }: { bridge: Bridge; children: ReactNode }) {
  return <BridgeContext.Provider value={bridge}>{children}</BridgeContext.Provider>;
}

/** The typed bridge to the main process: the page's only way out. */
export function useBridge(): Bridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge is used outside BridgeProvider.');
  return bridge;
}
