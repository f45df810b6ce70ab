/**
 * The chosen network, kept in `<dataDir>/network.json`: the embedded devnet (plus endpoints the
 * person added), or a custom network given by its genesis document (copied into the data folder,
 * so the network does not change under the app if the original file moves) and endpoint URLs.
 */
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { parseGenesis, type GenesisDoc } from '../../../shared/core/genesis/index.ts';
import { MAX_STALE_AFTER_BLOCKS, MIN_STALE_AFTER_BLOCKS } from './freshness.ts';

const ENDPOINT_PROTOCOLS = ['http:', 'https:', 'ws:', 'wss:'];

/** Why `url` cannot be an endpoint, or undefined when it can. */
export function endpointProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url.slice(0, 80)}" is not a URL.`;
  }
  if (!ENDPOINT_PROTOCOLS.includes(parsed.protocol))
    return `An endpoint is an http://, https://, ws:// or wss:// address; "${url.slice(0, 80)}" is not.`;
  return undefined;
}

const endpoint = z
  .string()
  .max(500)
  .refine((url) => endpointProblem(url) === undefined, 'an http(s):// or ws(s):// URL');

/** After how many block intervals without a newer verified block the view is stale (freshness.ts; default 10). */
const staleAfterBlocks = z.number().int().min(MIN_STALE_AFTER_BLOCKS).max(MAX_STALE_AFTER_BLOCKS).optional();

export const settingsSchema = z.discriminatedUnion('kind', [
  /** `endpoints` are added by the person, beyond the devnet's own nodes. */
  z.object({ kind: z.literal('devnet'), endpoints: z.array(endpoint).max(32), staleAfterBlocks }).strict(),
  z.object({ kind: z.literal('custom'), endpoints: z.array(endpoint).max(32), staleAfterBlocks }).strict(),
]);
export type NetworkSettings = z.infer<typeof settingsSchema>;

const fileSchema = z.object({ version: z.literal(1), network: settingsSchema }).strict();

export const DEFAULT_SETTINGS: NetworkSettings = { kind: 'devnet', endpoints: [] };

export class SettingsFile {
  readonly file: string;
  /** Where a custom network's genesis document is kept. */
  readonly genesisFile: string;

  constructor(readonly dataDir: string) {
    this.file = join(dataDir, 'network.json');
    this.genesisFile = join(dataDir, 'network-genesis.json');
  }

  /** The stored settings (the devnet when there are none); throws a readable Error when the file is damaged. */
  load(): NetworkSettings {
    if (!existsSync(this.file)) return DEFAULT_SETTINGS;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (error) {
      throw new Error(
        `The network settings in ${this.file} are damaged (${(error as Error).message}). Fix the file or delete it to use the embedded devnet.`,
      );
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at "${issue.path.join('.')}"` : '';
      throw new Error(
        `The network settings in ${this.file} are not valid${where}: ${issue?.message ?? 'unexpected content'}. Fix the file or delete it to use the embedded devnet.`,
      );
    }
    return parsed.data.network;
  }

  save(settings: NetworkSettings): void {
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ version: 1, network: settingsSchema.parse(settings) }, null, 2)}\n`);
    renameSync(temporary, this.file); // a crash mid-write never leaves a half-written file
  }

  /**
   * An explicit choice replaces the stored settings. A damaged file is moved aside (named in the
   * returned note) rather than overwritten, so nothing the person wrote is lost unseen.
   */
  replaceWith(settings: NetworkSettings): string | undefined {
    let note: string | undefined;
    try {
      this.load();
    } catch (error) {
      const aside = `${this.file}.damaged-${Date.now()}`;
      renameSync(this.file, aside);
      note = `${(error as Error).message.replace(/ Fix the file.*$/, '')} It was kept as ${aside}.`;
    }
    this.save(settings);
    return note;
  }

  /** Copies a genesis document into the data folder after checking it. */
  importGenesis(source: string): GenesisDoc {
    const doc = readGenesis(source);
    if (source !== this.genesisFile) copyFileSync(source, this.genesisFile);
    return doc;
  }

  /** Checks a genesis document given as text, then keeps it as the custom network's (atomically). */
  storeGenesisText(text: string): GenesisDoc {
    const parsed = parseGenesis(text);
    if (!parsed.ok) throw new Error(`This genesis document is not valid: ${parsed.problems.slice(0, 3).join('; ')}.`);
    const temporary = `${this.genesisFile}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, this.genesisFile);
    return parsed.doc;
  }

  /** The custom network's genesis document, as copied into the data folder. */
  genesis(): GenesisDoc {
    return readGenesis(this.genesisFile);
  }
}

function readGenesis(file: string): GenesisDoc {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `The genesis document ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
    );
  }
  const parsed = parseGenesis(text);
  if (!parsed.ok)
    throw new Error(`The genesis document ${file} is not valid: ${parsed.problems.slice(0, 3).join('; ')}.`);
  return parsed.doc;
}
