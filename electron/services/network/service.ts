/**
 * The network service: runs the verifying light node over the chosen network (the embedded devnet,
 * or a custom one from settings) and answers the network.* channels from what it verified.
 * See README.md in this folder for the decisions.
 */
import { join } from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { parseAddress } from '../../../shared/core/crypto/index.ts';
import { devnetGenesis, genesisHash, type GenesisDoc } from '../../../shared/core/genesis/index.ts';
import { LightNode, type LightNodeTiming } from '../light/index.ts';
import type { DevnetService } from '../devnet/types.ts';
import { ServiceError } from '../errors.ts';
import { type AreaHandlers, type EventHub } from '../registry.ts';
import { offlineError, type ChainIdentity, type NetworkAccess } from './access.ts';
import { chooseNetwork, invalidEndpoint } from './choose.ts';
import { configure, type NetworkChoice } from './configured.ts';
import { DEFAULT_STALE_AFTER_BLOCKS } from './freshness.ts';
import { provenCandidates, provenMembers, provenProposals } from './listings.ts';
import { verifiedRound } from './round.ts';
import { endpointProblem, SettingsFile, type NetworkSettings } from './settings.ts';
import { StatusPusher } from './push.ts';
import { idleStatus, num, runningStatus, type NetworkStatus, type Progress } from './status.ts';

export type { NetworkChoice };

export interface NetworkServiceOptions {
  dataDir: string;
  hub: EventHub;
  mode: 'online' | 'offline';
  devnet: DevnetService | null;
  /** Overrides the choice stored in the data folder's settings (tests, command-line flags). */
  choice?: NetworkChoice;
  /** The light node's timings (tests shorten them); its defaults otherwise. */
  lightTiming?: LightNodeTiming;
}

export interface NetworkService extends NetworkAccess {
  readonly handlers: AreaHandlers<'network'>;
  /** Known at construction (from settings or the devnet's fixed prefix), so the vault can show addresses at once. */
  readonly addressPrefix: string;
  /** Starts the devnet if chosen, then the light node, in the background. */
  start(): void;
  close(): Promise<void>;
}

let devnetPrefix: string | undefined;
/** The prefix the core's devnet generator gives every devnet (one tiny devnet is generated to read it). */
function defaultDevnetPrefix(): string {
  devnetPrefix ??= devnetGenesis({ producers: 1, seed: new Uint8Array(1), extraMembers: 0 }).doc.addressPrefix;
  return devnetPrefix;
}

type Phase = 'idle' | 'starting' | 'running' | 'failed' | 'closed';

const NO_NETWORK = 'No network was chosen for this window, so it does not connect to one.';
const CLOSED = 'The network service has been closed.';

export function createNetworkService(options: NetworkServiceOptions): NetworkService {
  const { mode, hub } = options;
  const settingsFile = new SettingsFile(options.dataDir);
  const configured = configure(settingsFile, options.choice);
  /** Undefined when no network is chosen ('none'). */
  let settings: NetworkSettings | undefined = configured.settings;
  let genesis: GenesisDoc | undefined = configured.genesis;
  /** Set when the settings or genesis could not be read: nothing starts and nothing is written over them. */
  const brokenSettings = configured.broken;
  /** What an explicit choice did to a damaged settings file, shown in network.status until the light node runs. */
  let replacedNote = configured.replacedNote;
  /** Why the network does not run (damaged settings, the devnet or light node failing to start). */
  let problem = brokenSettings;
  let phase: Phase = 'idle';
  let light: LightNode | undefined;
  let devnetUrls: string[] = [];
  let lastProgress: Progress | undefined;
  /** Endpoint changes restart the light node one at a time. */
  let changes: Promise<unknown> = Promise.resolve();
  let restarting: Promise<void> | undefined;
  const addressPrefix = genesis?.addressPrefix ?? defaultDevnetPrefix();
  const pusher = new StatusPusher(
    () => (settings && mode === 'online' ? currentStatus() : undefined),
    (status) => hub.emit('network.status', status),
  );

  function start(): void {
    if (phase !== 'idle' || mode === 'offline' || !settings) return;
    if (brokenSettings !== undefined) {
      phase = 'failed';
      return;
    }
    phase = 'starting';
    pusher.start();
    void boot();
  }

  async function ready(): Promise<LightNode> {
    if (mode === 'offline') throw offlineError();
    if (!settings) throw new ServiceError('UNAVAILABLE', problem ?? NO_NETWORK);
    start();
    if (restarting) await restarting;
    if (phase === 'running' && light) return light;
    if (phase === 'starting')
      throw new ServiceError('UNAVAILABLE', 'The embedded devnet is still starting; try again in a moment.', {
        detail: { key: 'devnet.starting' },
      });
    if (phase === 'closed') throw new ServiceError('UNAVAILABLE', CLOSED);
    throw new ServiceError('UNAVAILABLE', problem ?? 'The network is not running.');
  }

  function chain(): ChainIdentity | null {
    if (mode === 'offline' || !genesis) return null;
    return { chainId: genesis.chainId, addressPrefix: genesis.addressPrefix, genesis };
  }

  async function boot(): Promise<void> {
    if (settings?.kind === 'devnet') {
      if (!options.devnet) return fail('The embedded devnet is not available in this window.');
      try {
        const started = await options.devnet.start();
        genesis = started.genesis;
        devnetUrls = [...started.rpcUrls];
      } catch (error) {
        return fail(`The embedded devnet could not start: ${(error as Error).message}`);
      }
    }
    if (phase !== 'starting') return; // closed meanwhile
    openLight();
  }

  function fail(why: string): void {
    if (phase === 'closed') return;
    phase = 'failed';
    problem = why;
    pusher.changed();
  }

  /** The devnet's own nodes first, then the endpoints the person added. */
  function endpoints(): string[] {
    return [...new Set([...devnetUrls, ...(settings?.endpoints ?? [])])];
  }

  function openLight(): void {
    try {
      const opened = LightNode.open({
        startFrom: { genesis: genesis! },
        endpoints: endpoints(),
        // One file per network, so switching between the devnet and another chain (or a rebuilt devnet) starts clean.
        dataFile: join(options.dataDir, `light-${bytesToHex(genesisHash(genesis!)).slice(0, 16)}.sqlite`),
        // Trust always starts from a genesis document the person chose, so starting over from it is as safe as the first run.
        whenStoredTrustIsStale: 'start-over',
        ...(options.lightTiming ? { timing: options.lightTiming } : {}),
      });
      listen(opened);
      opened.start();
      light = opened;
      phase = 'running';
      problem = undefined;
      replacedNote = undefined;
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
    pusher.changed();
  }

  function listen(node: LightNode): void {
    node.on('progress', (progress) => {
      lastProgress = progress;
      pusher.changed();
    });
    node.on('head', ({ height, hash, round }) => {
      hub.emit('network.head', { height: num(height), hash, round: num(round) });
      pusher.changed();
    });
    node.on('endpointUntrusted', ({ url, reason }) => {
      hub.emit('network.endpointUntrusted', { url, reason });
      pusher.changed();
    });
    node.on('disagreement', () => pusher.changed());
  }

  /** Endpoint lists changed: the light node restarts with the new list (its verified chain and endpoint trust stay in its file). */
  function restartLight(): Promise<void> {
    const run = changes.then(async () => {
      if (phase === 'closed' || phase === 'starting' || !genesis) return; // the new list is used when it starts
      const old = light;
      light = undefined;
      phase = 'starting';
      await old?.close();
      if (phase === 'starting') openLight();
    });
    restarting = run;
    changes = run.catch(() => undefined);
    return run.finally(() => {
      if (restarting === run) restarting = undefined;
    });
  }

  function currentStatus(): NetworkStatus {
    const { kind, staleAfterBlocks } = settings!;
    const context = { kind, chainId: genesis?.chainId ?? '', addressPrefix };
    if (phase === 'running' && light) {
      return runningStatus(context, light, lastProgress, {
        staleAfterBlocks: staleAfterBlocks ?? DEFAULT_STALE_AFTER_BLOCKS,
        blockIntervalMs: genesis!.parameters.blockIntervalMs,
      });
    }
    const starting = kind === 'devnet' ? 'The embedded devnet is starting.' : 'The light node is starting.';
    const shown = [problem ?? (phase === 'closed' ? CLOSED : starting), replacedNote].filter(Boolean).join(' ');
    return idleStatus(context, endpoints(), shown);
  }

  /** The settings of a window that follows a network: offline mode and 'none' have none to show or change. */
  function online(): NetworkSettings {
    if (mode === 'offline') throw offlineError();
    if (!settings) throw new ServiceError('UNAVAILABLE', NO_NETWORK);
    return settings;
  }

  /** Endpoint changes are written to the settings file, so never over one that could not be read. */
  function writable(): NetworkSettings {
    const current = online();
    if (brokenSettings !== undefined) throw new ServiceError('UNAVAILABLE', brokenSettings);
    return current;
  }

  function save(changed: NetworkSettings): void {
    settingsFile.save(changed);
    settings = changed;
  }

  /** Runs a read on the light node; its errors are sentences for the person, passed on as they are. */
  async function withLight<T>(task: (node: LightNode, prefix: string) => Promise<T>): Promise<T> {
    const node = await ready();
    return task(node, genesis?.addressPrefix ?? addressPrefix);
  }

  function notAnEndpoint(url: string): ServiceError {
    return new ServiceError('NOT_FOUND', `${url} is not one of the endpoints.`, {
      detail: { key: 'endpoint.unknown', params: { url } },
    });
  }

  function status(): NetworkStatus {
    online();
    start();
    return currentStatus();
  }

  const handlers: AreaHandlers<'network'> = {
    'network.status': status,
    'network.addEndpoint': async ({ url }) => {
      const current = writable();
      if (endpointProblem(url)) throw invalidEndpoint(url);
      if (endpoints().includes(url))
        throw new ServiceError('EXISTS', `${url} is already one of the endpoints.`, {
          detail: { key: 'endpoint.exists', params: { url } },
        });
      save({ ...current, endpoints: [...current.endpoints, url] });
      await restartLight();
      return status();
    },
    'network.removeEndpoint': async ({ url }) => {
      const current = writable();
      if (devnetUrls.includes(url))
        throw new ServiceError(
          'VALIDATION',
          `${url} is one of the embedded devnet's own nodes; it cannot be removed.`,
          {
            detail: { key: 'endpoint.devnetOwn', params: { url } },
          },
        );
      if (!current.endpoints.includes(url)) throw notAnEndpoint(url);
      save({ ...current, endpoints: current.endpoints.filter((e) => e !== url) });
      await restartLight();
      return status();
    },
    'network.trustAgain': async ({ url }) => {
      online();
      if (!endpoints().includes(url)) throw notAnEndpoint(url);
      (await ready()).trustEndpointAgain(url);
      pusher.changed();
      return status();
    },
    'network.setStaleness': ({ staleAfterBlocks }) => {
      save({ ...writable(), staleAfterBlocks });
      pusher.changed();
      return status();
    },
    'network.round': ({ round }) =>
      withLight((node, prefix) => verifiedRound(node, prefix, round === undefined ? undefined : BigInt(round))),
    'network.candidates': () => withLight(provenCandidates),
    'network.members': () => withLight(provenMembers),
    'network.proposals': ({ includeClosed }) =>
      withLight((node, prefix) => provenProposals(node, prefix, includeClosed ?? false)),
    'network.choose': (choice) => {
      if (mode === 'offline') throw offlineError();
      return chooseNetwork(settingsFile, choice);
    },
    'network.checkAddress': ({ address }) => {
      online();
      const parsed = parseAddress(genesis?.addressPrefix ?? addressPrefix, address);
      return parsed.ok ? { valid: true } : { valid: false, reason: parsed.reason };
    },
  };

  return {
    handlers,
    addressPrefix,
    start,
    ready,
    chain,
    async close() {
      phase = 'closed';
      pusher.stop();
      await changes;
      await light?.close();
    },
  };
}
