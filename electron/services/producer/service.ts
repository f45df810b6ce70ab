/**
 * The producer console's services: producer.overview for the candidates the vault's accounts own, and
 * producer.alert events (with desktop notifications) when one of them misses a slot, leaves the set,
 * is jailed, falls behind or produces again. See README.md in this folder for what each alert means.
 */
import { join } from 'node:path';
import { ServiceError } from '../errors.ts';
import { type EventHub, type AreaHandlers } from '../registry.ts';
import type { NetworkAccess } from '../network/access.ts';
import type { LightNode } from '../light/index.ts';
import type { VaultService } from '../vault/service.ts';
import type { EventPayload } from '../../../shared/contract/ipc.ts';
import { genesisHash } from '../../../shared/core/genesis/index.ts';
import { AlertLog, type ProducerAlert } from './alerts.ts';
import { producerOverview } from './overview.ts';
import { ProducerWatch, type NewAlert, type Owned } from './watch.ts';
import { checkEndpoint } from './endpoint.ts';
import { ViewStall } from './stall.ts';

export interface ProducerServiceOptions {
  vault: VaultService;
  network: NetworkAccess;
  hub: EventHub;
  /** The data folder: alerts are kept in `producer-alerts.sqlite` there. */
  dataDir: string;
  /** Shows a desktop notification (Electron's Notification in the shell; absent under the web host). */
  notify?: (alert: EventPayload<'producer.alert'>) => void;
}

export interface ProducerService {
  readonly handlers: AreaHandlers<'producer'>;
  close(): Promise<void>;
}

/** How often to ask again for the light node while the network is still starting. */
const CONNECT_RETRY_MS = 2_000;

export function createProducerService(options: ProducerServiceOptions): ProducerService {
  return new ProducerController(options);
}

class ProducerController implements ProducerService {
  readonly handlers: AreaHandlers<'producer'>;
  private readonly log: AlertLog;
  private watch: ProducerWatch;
  private light: LightNode | undefined;
  /** The genesis hash of the network followed: alert ids carry it, so a new devnet's block 5 is not an old one's. */
  private networkKey = '';
  private stall: ViewStall | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private stopListening: (() => void) | undefined;
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;

  constructor(private readonly options: ProducerServiceOptions) {
    this.log = new AlertLog(join(options.dataDir, 'producer-alerts.sqlite'));
    this.watch = this.newWatch();
    this.handlers = {
      'producer.overview': async () => {
        const light = await options.network.ready();
        this.attach(light);
        await this.refresh(); // so a first call already has its rounds
        return producerOverview(light, this.prefix(), this.owned(), this.watch);
      },
      'producer.alerts': ({ limit }) => this.log.list(limit),
      'producer.checkEndpoint': ({ url }) => checkEndpoint(url, options.network.chain()?.chainId),
    };
    this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.stopListening?.();
    this.stall?.stop();
    await this.refreshing;
    this.log.close();
  }

  private newWatch(): ProducerWatch {
    return new ProducerWatch(
      (alert) => this.raise(alert),
      () => this.intervalMs(),
    );
  }

  /**
   * Keeps following the network service's light node: it starts in the background, and is replaced when
   * the endpoints or the network change, so it is asked for again every few seconds.
   */
  private connect(): void {
    this.options.network
      .ready()
      .then(
        (light) => this.attach(light),
        (error: unknown) => {
          // Offline mode never gets a network; anything else (still starting, devnet not up yet) may pass.
          if (error instanceof ServiceError && error.code === 'OFFLINE') this.closedForGood();
        },
      )
      .finally(() => {
        if (this.closed) return;
        this.retry = setTimeout(() => this.connect(), CONNECT_RETRY_MS);
        this.retry.unref();
      });
  }

  private closedForGood(): void {
    clearTimeout(this.retry);
    this.closed = true;
  }

  /** Follows `light` if it is not the one followed already; a new network starts a new watch. */
  private attach(light: LightNode): void {
    if (this.closed || light === this.light) return;
    this.stopListening?.();
    this.stall?.stop();
    const genesis = this.options.network.chain()?.genesis;
    const key = genesis ? Buffer.from(genesisHash(genesis)).toString('hex').slice(0, 16) : '';
    if (key !== this.networkKey) {
      this.watch = this.newWatch();
      this.networkKey = key;
    }
    this.light = light;
    this.stopListening = light.on('head', () => void this.refresh());
    this.stall = new ViewStall(light, this.intervalMs(), (alert) => this.raiseForEach(alert));
    void this.refresh();
  }

  /** One refresh at a time; heads that arrive meanwhile are folded into one more. */
  private refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    if (!this.light || this.closed) return Promise.resolve();
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        try {
          await this.watch.refresh(this.light!, this.prefix(), this.owned()); // the newest light node, should it change meanwhile
        } catch {
          // The light node says why in network.status; the next head tries again.
        }
      } while (this.refreshAgain && !this.closed);
    })().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** The genesis block interval (a governance change shows in the round views' times only when a round is read afresh). */
  private intervalMs(): number {
    return this.options.network.chain()?.genesis.parameters.blockIntervalMs ?? 1_000;
  }

  private prefix(): string {
    return this.options.network.chain()?.addressPrefix ?? this.options.vault.addressPrefix;
  }

  /** Every account of the vault (watch-only ones too: a candidate's owner may keep its key offline). */
  private owned(): Owned[] {
    try {
      return this.options.vault.status().accounts.map((a) => ({ address: a.address, accountId: a.id }));
    } catch {
      return []; // a damaged vault says so on its own channels
    }
  }

  private raiseForEach(make: (address: string, name: string) => NewAlert): void {
    for (const [address, name] of this.watch.candidates()) this.raise(make(address, name));
  }

  private raise({ key, ...fields }: NewAlert): void {
    const alert: ProducerAlert = { id: `${this.networkKey}:${key}`, at: Date.now(), ...fields };
    if (this.closed || !this.log.add(alert)) return;
    this.options.hub.emit('producer.alert', alert);
    try {
      this.options.notify?.(alert);
    } catch {
      // The shell's notification failing must not stop the alerts; the console still lists them.
    }
  }
}
