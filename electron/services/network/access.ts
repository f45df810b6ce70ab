/**
 * What the wallet, producer and offline services need from the network: the running light node
 * (every read they show goes through its proofs) and the identity of the chain it trusts.
 */
import type { GenesisDoc } from '../../../shared/core/genesis/index.ts';
import type { LightNode } from '../light/index.ts';
import { ServiceError } from '../errors.ts';

export interface ChainIdentity {
  readonly chainId: string;
  readonly addressPrefix: string;
  /** The genesis the light node's trust starts from (parameters may since have changed by governance). */
  readonly genesis: GenesisDoc;
}

export interface NetworkAccess {
  /** The light node once it runs; a ServiceError (UNAVAILABLE or OFFLINE) saying why not otherwise. */
  ready(): Promise<LightNode>;
  /** The chain's identity, or null before it is known (devnet still starting, offline mode). */
  chain(): ChainIdentity | null;
}

/** A NetworkAccess over a light node that is already running (tests, and the network service once started). */
export function runningNetwork(light: LightNode, genesis: GenesisDoc): NetworkAccess {
  const identity: ChainIdentity = { chainId: genesis.chainId, addressPrefix: genesis.addressPrefix, genesis };
  return { ready: async () => light, chain: () => identity };
}

/** The answer every network-bound channel gives in offline mode. */
export function offlineError(): ServiceError {
  return new ServiceError(
    'OFFLINE',
    'This window runs in offline mode: it never touches the network. Use the online wallet for this.',
    { detail: { key: 'offline.mode' } },
  );
}
