import { bytesToHex } from '@noble/hashes/utils.js';
import { genesisHash } from '../../../shared/core/genesis/index.ts';
/**
 * The network service: runs the verifying light node over the chosen network (the embedded devnet,
 * or a custom one from settings) and answers the network.* channels from what it verified.
 * See README.md in this folder for the decisions.
 */
import { join } from 'node:path';
import { parseAddress } from '../../../shared/core/crypto/index.ts';
import { devnetGenesis, type GenesisDoc } from '../../../shared/core/genesis/index.ts';
import { LightNode, type LightNodeTiming } from '../light/index.ts';
import type { DevnetService } from '../devnet/types.ts';
import { ServiceError } from '../errors.ts';
import { type AreaHandlers, type EventHub } from '../registry.ts';
import { offlineError, type ChainIdentity, type NetworkAccess } from './access.ts';
import { DEFAULT_STALE_AFTER_BLOCKS } from './freshness.ts';
import { provenCandidates, provenMembers, provenProposals } from './listings.ts';
import { verifiedRound } from './round.ts';
import { DEFAULT_SETTINGS, endpointProblem, SettingsFile, type NetworkSettings } from './settings.ts';
import { StatusPusher } from './push.ts';
import { idleStatus, num, runningStatus, type NetworkStatus, type Progress } from './status.ts';

/** Which network to follow: the embedded devnet (default when nothing is configured), none, or a configured one. */
export type NetworkChoice = 'devnet' | 'none' | { genesisFile: string; endpoints: string[] };

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

export function createNetworkService(options: NetworkServiceOptions): NetworkService {
  return new NetworkController(options);
}

let devnetPrefix: string | undefined;
/** The prefix the core's devnet generator gives every devnet (one tiny devnet is generated to read it). */
function defaultDevnetPrefix(): string {
  devnetPrefix ??= devnetGenesis({ producers: 1, seed: new Uint8Array(1), extraMembers: 0 }).doc.addressPrefix;
  return devnetPrefix;
}

type Phase = 'idle' | 'starting' | 'running' | 'failed' | 'closed';

class NetworkController implements NetworkService {
  readonly handlers: AreaHandlers<'network'>;
  readonly addressPrefix: string;
  private readonly settingsFile: SettingsFile;
  /** Undefined when no network is chosen ('none') or the settings could not be read (see `problem`). */
  private settings: NetworkSettings | undefined;
  private genesis: GenesisDoc | undefined;
  private phase: Phase = 'idle';
  /** Why the network does not run (damaged settings, the devnet or light node failing to start). */
  private problem: string | undefined;
  /** The settings or the genesis document could not be read: nothing starts and nothing is written over them. */
  private settingsBroken = false;
  /** What an explicit choice did to a damaged settings file, shown in network.status until the light node runs. */
  private replacedNote: string | undefined;
  private light: LightNode | undefined;
  private devnetUrls: string[] = [];
  private lastProgress: Progress | undefined;
  /** Endpoint changes restart the light node one at a time. */
  private changes: Promise<unknown> = Promise.resolve();
  private restarting: Promise<void> | undefined;
  private readonly pusher: StatusPusher;

  constructor(private readonly options: NetworkServiceOptions) {
    this.settingsFile = new SettingsFile(options.dataDir);
    this.configure(options.choice);
    this.addressPrefix = this.genesis?.addressPrefix ?? defaultDevnetPrefix();
    this.pusher = new StatusPusher(
      () => (this.settings && options.mode === 'online' ? this.currentStatus() : undefined),
      (status) => options.hub.emit('network.status', status),
    );
    this.handlers = this.buildHandlers();
  }

  start(): void {
    if (this.phase !== 'idle' || this.options.mode === 'offline' || !this.settings) return;
    if (this.settingsBroken) {
      this.phase = 'failed';
      return;
    }
    this.phase = 'starting';
    this.pusher.start();
    void this.boot();
  }

  async ready(): Promise<LightNode> {
    if (this.options.mode === 'offline') throw offlineError();
    if (!this.settings)
      throw new ServiceError(
        'UNAVAILABLE',
        this.problem ?? 'No network was chosen for this window, so it does not connect to one.',
      );
    this.start();
    if (this.restarting) await this.restarting;
    if (this.phase === 'running' && this.light) return this.light;
    if (this.phase === 'starting')
      throw new ServiceError('UNAVAILABLE', 'The embedded devnet is still starting; try again in a moment.', {
        detail: { key: 'devnet.starting' },
      });
    if (this.phase === 'closed') throw new ServiceError('UNAVAILABLE', 'The network service has been closed.');
    throw new ServiceError('UNAVAILABLE', this.problem ?? 'The network is not running.');
  }

  chain(): ChainIdentity | null {
    if (this.options.mode === 'offline' || !this.genesis) return null;
    const { chainId, addressPrefix } = this.genesis;
    return { chainId, addressPrefix, genesis: this.genesis };
  }

  async close(): Promise<void> {
    this.phase = 'closed';
    this.pusher.stop();
    await this.changes;
    await this.light?.close();
  }

  /** Reads (or, for an explicit choice, writes) the settings; problems are kept to be reported, never thrown. */
  private configure(choice: NetworkChoice | undefined): void {
    if (choice === 'none') return;
    try {
      if (choice === undefined) {
        this.settings = this.settingsFile.load();
      } else if (choice === 'devnet') {
        const stored = this.storedOrUndefined();
        this.settings = stored?.kind === 'devnet' ? stored : { kind: 'devnet', endpoints: [] };
        if (stored !== this.settings) this.replaceSettings(this.settings);
      } else {
        this.settingsFile.importGenesis(choice.genesisFile);
        this.settings = { kind: 'custom', endpoints: [...new Set(choice.endpoints)] };
        this.replaceSettings(this.settings);
      }
      if (this.settings.kind === 'custom') this.genesis = this.settingsFile.genesis();
    } catch (error) {
      // Only so that network.status can report the problem: nothing starts and nothing is saved.
      this.settings ??= { kind: typeof choice === 'object' ? 'custom' : 'devnet', endpoints: [] };
      this.settingsBroken = true;
      this.problem = (error as Error).message;
    }
  }

  private storedOrUndefined(): NetworkSettings | undefined {
    try {
      return this.settingsFile.load();
    } catch {
      return undefined; // replaceSettings moves the damaged file aside and says so
    }
  }

  private replaceSettings(settings: NetworkSettings): void {
    this.replacedNote = this.settingsFile.replaceWith(settings);
  }

  private async boot(): Promise<void> {
    if (this.settings?.kind === 'devnet') {
      if (!this.options.devnet) return this.fail('The embedded devnet is not available in this window.');
      try {
        const { genesis, rpcUrls } = await this.options.devnet.start();
        this.genesis = genesis;
        this.devnetUrls = [...rpcUrls];
      } catch (error) {
        return this.fail(`The embedded devnet could not start: ${(error as Error).message}`);
      }
    }
    if (this.phase !== 'starting') return; // closed meanwhile
    this.openLight();
  }

  private fail(problem: string): void {
    if (this.phase === 'closed') return;
    this.phase = 'failed';
    this.problem = problem;
    this.pusher.changed();
  }

  private endpoints(): string[] {
    const own = this.settings?.endpoints ?? [];
    return [...new Set([...this.devnetUrls, ...own])];
  }

  private openLight(): void {
    try {
      const light = LightNode.open({
        startFrom: { genesis: this.genesis! },
        endpoints: this.endpoints(),
        // One file per network, so switching between the devnet and another chain (or a rebuilt devnet) starts clean.
        dataFile: join(this.options.dataDir, `light-${bytesToHex(genesisHash(this.genesis!)).slice(0, 16)}.sqlite`),
        // Trust always starts from a genesis document the person chose, so starting over from it is as safe as the first run.
        whenStoredTrustIsStale: 'start-over',
        ...(this.options.lightTiming ? { timing: this.options.lightTiming } : {}),
      });
      this.listen(light);
      light.start();
      this.light = light;
      this.phase = 'running';
      this.problem = undefined;
      this.replacedNote = undefined;
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
    }
    this.pusher.changed();
  }

  private listen(light: LightNode): void {
    const { hub } = this.options;
    light.on('progress', (progress) => {
      this.lastProgress = progress;
      this.pusher.changed();
    });
    light.on('head', ({ height, hash, round }) => {
      hub.emit('network.head', { height: num(height), hash, round: num(round) });
      this.pusher.changed();
    });
    light.on('endpointUntrusted', ({ url, reason }) => {
      hub.emit('network.endpointUntrusted', { url, reason });
      this.pusher.changed();
    });
    light.on('disagreement', () => this.pusher.changed());
  }

  /** Endpoint lists changed: the light node restarts with the new list (its verified chain and endpoint trust stay in its file). */
  private restartLight(): Promise<void> {
    const run = this.changes.then(async () => {
      if (this.phase === 'closed' || this.phase === 'starting' || !this.genesis) return; // the new list is used when it starts
      const old = this.light;
      this.light = undefined;
      this.phase = 'starting';
      await old?.close();
      if (this.phase === 'starting') this.openLight();
    });
    this.restarting = run;
    this.changes = run.catch(() => undefined);
    return run.finally(() => {
      if (this.restarting === run) this.restarting = undefined;
    });
  }

  private currentStatus(): NetworkStatus {
    const context = {
      kind: this.settings!.kind,
      chainId: this.genesis?.chainId ?? '',
      addressPrefix: this.addressPrefix,
    };
    if (this.phase === 'running' && this.light) {
      const staleAfterBlocks = this.settings!.staleAfterBlocks ?? DEFAULT_STALE_AFTER_BLOCKS;
      return runningStatus(context, this.light, this.lastProgress, {
        staleAfterBlocks,
        blockIntervalMs: this.genesis!.parameters.blockIntervalMs,
      });
    }
    const starting =
      this.settings!.kind === 'devnet' ? 'The embedded devnet is starting.' : 'The light node is starting.';
    const problem = [
      this.problem ?? (this.phase === 'closed' ? 'The network service has been closed.' : starting),
      this.replacedNote,
    ]
      .filter(Boolean)
      .join(' ');
    return idleStatus(context, this.endpoints(), problem);
  }

  private online(): void {
    if (this.options.mode === 'offline') throw offlineError();
    if (!this.settings)
      throw new ServiceError('UNAVAILABLE', 'No network was chosen for this window, so it does not connect to one.');
  }

  /** Endpoint changes are written to the settings file, so never over one that could not be read. */
  private writable(): void {
    this.online();
    if (this.settingsBroken) throw new ServiceError('UNAVAILABLE', this.problem!);
  }

  /** Runs a read on the light node; its errors are sentences for the person, passed on as they are. */
  private async withLight<T>(task: (light: LightNode, prefix: string) => Promise<T>): Promise<T> {
    const light = await this.ready();
    return task(light, this.genesis?.addressPrefix ?? this.addressPrefix);
  }

  private buildHandlers(): AreaHandlers<'network'> {
    const status = () => {
      this.online();
      this.start();
      return this.currentStatus();
    };
    return {
      'network.status': status,
      'network.addEndpoint': async ({ url }) => {
        this.writable();
        const problem = endpointProblem(url);
        if (problem)
          throw new ServiceError('VALIDATION', problem, {
            detail: { key: 'endpoint.invalid', params: { url: url.slice(0, 80) } },
          });
        if (this.endpoints().includes(url))
          throw new ServiceError('EXISTS', `${url} is already one of the endpoints.`, {
            detail: { key: 'endpoint.exists', params: { url } },
          });
        this.saveEndpoints([...this.settings!.endpoints, url]);
        await this.restartLight();
        return status();
      },
      'network.removeEndpoint': async ({ url }) => {
        this.writable();
        if (this.devnetUrls.includes(url))
          throw new ServiceError(
            'VALIDATION',
            `${url} is one of the embedded devnet's own nodes; it cannot be removed.`,
            { detail: { key: 'endpoint.devnetOwn', params: { url } } },
          );
        if (!this.settings!.endpoints.includes(url))
          throw new ServiceError('NOT_FOUND', `${url} is not one of the endpoints.`, {
            detail: { key: 'endpoint.unknown', params: { url } },
          });
        this.saveEndpoints(this.settings!.endpoints.filter((e) => e !== url));
        await this.restartLight();
        return status();
      },
      'network.trustAgain': async ({ url }) => {
        this.online();
        if (!this.endpoints().includes(url))
          throw new ServiceError('NOT_FOUND', `${url} is not one of the endpoints.`, {
            detail: { key: 'endpoint.unknown', params: { url } },
          });
        (await this.ready()).trustEndpointAgain(url);
        this.pusher.changed();
        return status();
      },
      'network.setStaleness': ({ staleAfterBlocks }) => {
        this.writable();
        this.saveSettings({ ...this.settings!, staleAfterBlocks });
        this.pusher.changed();
        return status();
      },
      'network.round': ({ round }) =>
        this.withLight((light, prefix) =>
          verifiedRound(light, prefix, round === undefined ? undefined : BigInt(round)),
        ),
      'network.candidates': () => this.withLight(provenCandidates),
      'network.members': () => this.withLight(provenMembers),
      'network.proposals': ({ includeClosed }) =>
        this.withLight((light, prefix) => provenProposals(light, prefix, includeClosed ?? false)),
      'network.choose': (choice) => {
        if (this.options.mode === 'offline') throw offlineError();
        if (choice.kind === 'devnet') {
          this.settingsFile.replaceWith(DEFAULT_SETTINGS);
          return { kind: 'devnet', restartRequired: true };
        }
        const invalid = choice.endpoints.find((url) => endpointProblem(url) !== undefined);
        if (invalid !== undefined)
          throw new ServiceError('VALIDATION', endpointProblem(invalid)!, {
            detail: { key: 'endpoint.invalid', params: { url: invalid.slice(0, 80) } },
          });
        let doc: GenesisDoc;
        try {
          doc = this.settingsFile.storeGenesisText(choice.genesis);
        } catch (error) {
          throw new ServiceError('VALIDATION', (error as Error).message);
        }
        this.settingsFile.replaceWith({ kind: 'custom', endpoints: [...new Set(choice.endpoints)] });
        return { kind: 'custom', chainId: doc.chainId, restartRequired: true };
      },
      'network.checkAddress': ({ address }) => {
        this.online();
        const parsed = parseAddress(this.genesis?.addressPrefix ?? this.addressPrefix, address);
        return parsed.ok ? { valid: true } : { valid: false, reason: parsed.reason };
      },
    };
  }

  private saveEndpoints(endpoints: string[]): void {
    this.saveSettings({ ...this.settings!, endpoints });
  }

  private saveSettings(settings: NetworkSettings): void {
    this.settingsFile.save(settings);
    this.settings = settings;
  }
}
