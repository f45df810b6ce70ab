/**
 * network.choose: keeps the person's choice of network in the settings for the next start (the light node and
 * the chain's identity cannot change under the services that use them, so the app restarts to switch).
 */
import type { GenesisDoc } from '../../../shared/core/genesis/index.ts';
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import { ServiceError } from '../errors.ts';
import type { Handlers } from '../registry.ts';
import { DEFAULT_SETTINGS, endpointProblem, type SettingsFile } from './settings.ts';

export function chooseNetwork(
  file: SettingsFile,
  choice: Parameters<Handlers['network.choose']>[0],
): MethodOutput<'network.choose'> {
  if (choice.kind === 'devnet') {
    file.replaceWith(DEFAULT_SETTINGS);
    return { kind: 'devnet', restartRequired: true };
  }
  const invalid = choice.endpoints.find((url) => endpointProblem(url) !== undefined);
  if (invalid !== undefined) throw invalidEndpoint(invalid);
  let doc: GenesisDoc;
  try {
    doc = file.storeGenesisText(choice.genesis);
  } catch (error) {
    throw new ServiceError('VALIDATION', (error as Error).message);
  }
  file.replaceWith({ kind: 'custom', endpoints: [...new Set(choice.endpoints)] });
  return { kind: 'custom', chainId: doc.chainId, restartRequired: true };
}

/** A URL that cannot be an endpoint, as the page words it. */
export function invalidEndpoint(url: string): ServiceError {
  return new ServiceError('VALIDATION', endpointProblem(url) ?? `"${url.slice(0, 80)}" is not an endpoint.`, {
    detail: { key: 'endpoint.invalid', params: { url: url.slice(0, 80) } },
  });
}
