/**
 * Where the light node's trust starts on open: the state stored by an earlier run, if it is still
 * young enough to trust, or else the configured genesis document or checkpoint.
 */
import { equalBytes } from '../../../shared/core/encoding/index.ts';
import { genesisHash } from '../../../shared/core/genesis/index.ts';
import {
  allOf,
  showHash,
  trustFromCheckpoint,
  trustFromGenesisDoc,
  verifyCheckpointAge,
  verifyNotFromFuture,
  type LightClientState,
  type TrustedBlock,
  type UnbondingParameters,
} from '../../../shared/core/light/index.ts';
import type { Hash } from '../../../shared/core/types/index.ts';
import type { LightNodeConfig, StartFrom } from './config.ts';
import { LightNodeError } from './errors.ts';
import type { LightStore, NetworkRecord } from './store.ts';

/** The network the configuration names. */
export interface Network {
  readonly chainId: string;
  readonly addressPrefix: string;
  readonly genesisDocHash: Hash | null;
  readonly params: UnbondingParameters;
}

export function networkOf(startFrom: StartFrom): Network {
  if ('genesis' in startFrom) {
    const doc = startFrom.genesis;
    return {
      chainId: doc.chainId,
      addressPrefix: doc.addressPrefix,
      genesisDocHash: startFrom.genesisDocHash ?? genesisHash(doc),
      params: doc.parameters,
    };
  }
  const { chainId, addressPrefix, params } = startFrom;
  return { chainId, addressPrefix, genesisDocHash: startFrom.genesisDocHash ?? null, params };
}

export function establishTrust(
  store: LightStore,
  config: LightNodeConfig,
  network: Network,
  nowMs: number,
): LightClientState {
  const stored = store.network();
  if (stored) {
    checkSameNetwork(stored, network, config.dataFile);
    const trusted = store.trusted(); // a damaged file throws here, and is never started over unseen
    try {
      return resume(trusted, stored, network, nowMs);
    } catch (error) {
      if (!(error instanceof LightNodeError) || config.whenStoredTrustIsStale !== 'start-over') throw error;
      store.forgetChain();
    }
  }
  return startAfresh(store, config.startFrom, network, nowMs);
}

function checkSameNetwork(stored: NetworkRecord, network: Network, file: string): void {
  const otherGenesis =
    stored.genesisDocHash && network.genesisDocHash && !equalBytes(stored.genesisDocHash, network.genesisDocHash);
  if (stored.chainId !== network.chainId || otherGenesis) {
    const genesis = stored.genesisDocHash ? ` (genesis ${showHash(stored.genesisDocHash)})` : '';
    throw new LightNodeError(
      `The data file ${file} belongs to the network "${stored.chainId}"${genesis}, not to the one configured ("${network.chainId}"). Use another data file for this network`,
    );
  }
}

/**
 * The stored trusted header, unless it is older than the unbonding period (the genesis root never is): a
 * LightNodeError saying why not otherwise.
 */
function resume(
  trusted: TrustedBlock | undefined,
  stored: NetworkRecord,
  network: Network,
  nowMs: number,
): LightClientState {
  if (!trusted)
    throw new LightNodeError(
      `The light node's data file has no trusted header. Delete it to verify the chain again from the start`,
    );
  const state = { chainId: stored.chainId, trusted };
  if (stored.root.isGenesis && trusted.header.height === stored.root.height) return state;
  const verdict = allOf(
    () => verifyNotFromFuture(trusted.header, nowMs),
    () => verifyCheckpointAge(trusted.header, network.params, nowMs),
  );
  if (verdict.ok) return state;
  throw new LightNodeError(
    `The last block this light node verified (height ${trusted.header.height}) can no longer be trusted: ${verdict.reason}. ` +
      `Validators who signed it may have withdrawn their stake since, so their signatures no longer prove anything. ` +
      `Start again from the genesis document or from a newer checkpoint`,
  );
}

function startAfresh(store: LightStore, startFrom: StartFrom, network: Network, nowMs: number): LightClientState {
  if ('genesis' in startFrom) {
    const accepted = trustFromGenesisDoc(startFrom.genesis, network.genesisDocHash ?? genesisHash(startFrom.genesis));
    if (!accepted.ok) throw new LightNodeError(`The genesis document cannot be trusted: ${accepted.reason}`);
    const { header, validatorSet } = accepted.state.trusted;
    const root = {
      height: header.height,
      round: header.dposRound,
      isGenesis: true,
      validatorSet,
      nextValidatorSet: null,
    };
    store.begin({ chainId: network.chainId, genesisDocHash: network.genesisDocHash, root }, header);
    return accepted.state;
  }
  const accepted = trustFromCheckpoint({
    chainId: network.chainId,
    checkpoint: startFrom.checkpoint,
    params: network.params,
    nowMs,
  });
  if (!accepted.ok) throw new LightNodeError(`The checkpoint cannot be trusted: ${accepted.reason}`);
  const { header, validatorSet, nextValidatorSet } = accepted.state.trusted;
  const root = {
    height: header.height,
    round: header.dposRound,
    isGenesis: false,
    validatorSet,
    nextValidatorSet: nextValidatorSet ?? null,
  };
  store.begin({ chainId: network.chainId, genesisDocHash: network.genesisDocHash, root }, header);
  return accepted.state;
}
