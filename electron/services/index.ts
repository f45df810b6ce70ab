import { EventHub, Registry } from './registry.ts';
import { appInfoHandlers, type AppIdentity } from './app-info.ts';
import { startHeartbeat } from './heartbeat.ts';

export interface ServicesOptions extends AppIdentity {
  heartbeatMs?: number;
}

/** The main-process services, host-agnostic: the Electron shell and the web host both run exactly this. */
export interface Services {
  registry: Registry;
  hub: EventHub;
  close(): Promise<void>;
}

export function createServices(options: ServicesOptions): Services {
  const hub = new EventHub();
  const registry = new Registry({ ...appInfoHandlers(options) });
  const stopHeartbeat = startHeartbeat(hub, options.heartbeatMs ?? 1000);
  return {
    registry,
    hub,
    async close() {
      stopHeartbeat();
    },
  };
}
