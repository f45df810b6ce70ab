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
  const { vault, network, hub } = options;
  const log = new AlertLog(join(options.dataDir, 'producer-alerts.sqlite'));
  let watch = newWatch();
  let light: LightNode | undefined;
  /** The genesis hash of the network followed: alert ids carry it, so a new devnet's block 5 is not an old one's. */
  let networkKey = '';
  let stall: ViewStall | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let stopListening: (() => void) | undefined;
  let refreshing: Promise<void> | undefined;
  let refreshAgain = false;

  function newWatch(): ProducerWatch {
    return new ProducerWatch(raise, intervalMs);
  }

  /**
   * Keeps following the network service's light node: it starts in the background, and is replaced when
   * the endpoints or the network change, so it is asked for again every few seconds.
   */
  function connect(): void {
    network
      .ready()
      .then(attach, (error: unknown) => {
        // Offline mode never gets a network; anything else (still starting, devnet not up yet) may pass.
        if (error instanceof ServiceError && error.code === 'OFFLINE') closedForGood();
      })
      .finally(() => {
        if (closed) return;
        retry = setTimeout(connect, CONNECT_RETRY_MS);
        retry.unref();
      });
  }

  function closedForGood(): void {
    clearTimeout(retry);
    closed = true;
  }

  /** Follows `node` if it is not the one followed already; a new network starts a new watch. */
  function attach(node: LightNode): void {
    if (closed || node === light) return;
    stopListening?.();
    stall?.stop();
    const genesis = network.chain()?.genesis;
    const key = genesis ? Buffer.from(genesisHash(genesis)).toString('hex').slice(0, 16) : '';
    if (key !== networkKey) {
      watch = newWatch();
      networkKey = key;
    }
    light = node;
    stopListening = node.on('head', () => void refresh());
    stall = new ViewStall(node, intervalMs(), raiseForEach);
    void refresh();
  }

  /** One refresh at a time; heads that arrive meanwhile are folded into one more. */
  function refresh(): Promise<void> {
    if (refreshing) {
      refreshAgain = true;
      return refreshing;
    }
    if (!light || closed) return Promise.resolve();
    refreshing = (async () => {
      do {
        refreshAgain = false;
        try {
          await watch.refresh(light!, prefix(), owned()); // the newest light node, should it change meanwhile
        } catch {
          // The light node says why in network.status; the next head tries again.
        }
      } while (refreshAgain && !closed);
    })().finally(() => (refreshing = undefined));
    return refreshing;
  }

  /** The genesis block interval (a governance change shows in the round views' times only when a round is read afresh). */
  function intervalMs(): number {
    return network.chain()?.genesis.parameters.blockIntervalMs ?? 1_000;
  }

  function prefix(): string {
    return network.chain()?.addressPrefix ?? vault.addressPrefix;
  }

  /** Every account of the vault (watch-only ones too: a candidate's owner may keep its key offline). */
  function owned(): Owned[] {
    try {
      return vault.status().accounts.map((a) => ({ address: a.address, accountId: a.id }));
    } catch {
      return []; // a damaged vault says so on its own channels
    }
  }

  function raiseForEach(make: (address: string, name: string) => NewAlert): void {
    for (const [address, name] of watch.candidates()) raise(make(address, name));
  }

  function raise({ key, ...fields }: NewAlert): void {
    const alert: ProducerAlert = { id: `${networkKey}:${key}`, at: Date.now(), ...fields };
    if (closed || !log.add(alert)) return;
    hub.emit('producer.alert', alert);
    try {
      options.notify?.(alert);
    } catch {
      // The shell's notification failing must not stop the alerts; the console still lists them.
    }
  }

  connect();

  return {
    handlers: {
      'producer.overview': async () => {
        const node = await network.ready();
        attach(node);
        await refresh(); // so a first call already has its rounds
        return producerOverview(node, prefix(), owned(), watch);
      },
      'producer.alerts': ({ limit }) => log.list(limit),
      'producer.checkEndpoint': ({ url }) => checkEndpoint(url, network.chain()?.chainId),
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      stopListening?.();
      stall?.stop();
      await refreshing;
      log.close();
    },
  };
}
