/**
 * The network this window follows, read once at start: the settings in the data folder, or an explicit choice
 * (command line, tests) written over them. Problems are kept to be reported by network.status, never thrown.
 */
import type { GenesisDoc } from '../../../shared/core/genesis/index.ts';
import type { NetworkSettings, SettingsFile } from './settings.ts';

/** Which network to follow: the embedded devnet (default when nothing is configured), none, or a configured one. */
export type NetworkChoice = 'devnet' | 'none' | { genesisFile: string; endpoints: string[] };

export interface Configured {
  /** Undefined when no network is chosen ('none'). */
  settings: NetworkSettings | undefined;
  /** A custom network's genesis document (the devnet's is known once it runs). */
  genesis: GenesisDoc | undefined;
  /** Why the settings or the genesis document could not be read: nothing starts and nothing is written over them. */
  broken: string | undefined;
  /** What an explicit choice did to a damaged settings file (moved aside, and where to). */
  replacedNote: string | undefined;
}

export function configure(file: SettingsFile, choice: NetworkChoice | undefined): Configured {
  const configured: Configured = {
    settings: undefined,
    genesis: undefined,
    broken: undefined,
    replacedNote: undefined,
  };
  if (choice === 'none') return configured;
  try {
    if (choice === undefined) {
      configured.settings = file.load();
    } else if (choice === 'devnet') {
      const stored = storedOrUndefined(file);
      configured.settings = stored?.kind === 'devnet' ? stored : { kind: 'devnet', endpoints: [] };
      if (stored !== configured.settings) configured.replacedNote = file.replaceWith(configured.settings);
    } else {
      file.importGenesis(choice.genesisFile);
      configured.settings = { kind: 'custom', endpoints: [...new Set(choice.endpoints)] };
      configured.replacedNote = file.replaceWith(configured.settings);
    }
    if (configured.settings.kind === 'custom') configured.genesis = file.genesis();
  } catch (error) {
    // Settings only so that network.status can report the problem: nothing starts and nothing is saved.
    configured.settings ??= { kind: typeof choice === 'object' ? 'custom' : 'devnet', endpoints: [] };
    configured.broken = (error as Error).message;
  }
  return configured;
}

function storedOrUndefined(file: SettingsFile): NetworkSettings | undefined {
  try {
    return file.load();
  } catch {
    return undefined; // replaceWith moves the damaged file aside and says so
  }
}
