import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, MethodInput, MethodName, MethodOutput } from '../../../shared/contract/ipc.ts';
import { genesisToJson, type GenesisDoc } from '../../../shared/core/genesis/index.ts';
import type { DevnetService } from '../../../electron/services/devnet/types.ts';
import { EventHub, Registry } from '../../../electron/services/registry.ts';
import {
  createNetworkService,
  type NetworkChoice,
  type NetworkService,
} from '../../../electron/services/network/service.ts';
import { unusedHandlers } from '../../helpers/unused-handlers.ts';
import { channelValue } from '../../helpers/registry.ts';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'consortia-network-'));
}

/** The genesis document as a file, the way a person would be given it. */
export function genesisFile(doc: GenesisDoc): string {
  const file = join(tempDir(), 'genesis.json');
  writeFileSync(file, genesisToJson(doc));
  return file;
}

export interface Harness {
  service: NetworkService;
  registry: Registry;
  dataDir: string;
  events: { event: EventName; payload: any }[];
  /** Calls a channel through the registry (input and output validated by the contract); throws on an error result. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** The error result of a call that must fail. */
  failure(method: MethodName, input: unknown): Promise<{ code: string; message: string }>;
}

/** The network service behind a Registry, as the app composes it, with the events it pushes recorded. */
export function harness(
  choice: NetworkChoice | undefined,
  options: { mode?: 'online' | 'offline'; dataDir?: string; devnet?: DevnetService } = {},
): Harness {
  const hub = new EventHub();
  const events: Harness['events'] = [];
  hub.listen((event, payload) => events.push({ event, payload }));
  const dataDir = options.dataDir ?? tempDir();
  const service = createNetworkService({
    dataDir,
    hub,
    mode: options.mode ?? 'online',
    devnet: options.devnet ?? null,
    ...(choice ? { choice } : {}),
    lightTiming: { requestTimeoutMs: 5_000, stallMs: 1_500, crossCheckMs: 300, retryMs: 1_000 },
  });
  const registry = new Registry({ ...unusedHandlers, ...service.handlers });
  return {
    service,
    registry,
    dataDir,
    events,
    call: (method, input) => channelValue(registry, method, input),
    async failure(method, input) {
      const result = await registry.call(method, input);
      if (result.ok) throw new Error(`${method} succeeded, but was expected to fail`);
      return result.error;
    },
  };
}
