/**
 * DIR/config.json of `consortia node init|start`: where the genesis, the consensus key and the data live
 * (relative paths are relative to DIR, so a node directory can be moved as a whole), ports, peers,
 * observers and logging. Read strictly: a misspelt field is refused rather than silently ignored.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import * as z from 'zod';
import { parseGenesis, type GenesisDoc } from '../../shared/core/genesis/index.ts';
import { CliError } from '../output.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const CONFIG_FILE = 'config.json';

const port = z
  .number()
  .int('must be a whole number')
  .min(0, 'must be 0 (any free port) to 65535')
  .max(65535, 'must be 0 (any free port) to 65535');
const host = z.string().min(1, 'must not be empty');
const wsUrl = z.string().refine((text) => {
  try {
    return ['ws:', 'wss:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}, 'must be a ws:// or wss:// URL (both are dialed over TLS), such as wss://10.0.0.2:26656/p2p');
const hexKey = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'must be a consensus public key: 64 hex digits')
  .transform((s) => s.toLowerCase());
const path = z.string().min(1, 'must be a file path');

export const nodeConfigSchema = z
  .strictObject({
    version: z.literal(1, 'must be 1 (the only config version this program reads)'),
    genesis: path,
    consensusKey: path,
    dataDir: path.default('data'),
    /** Follow and serve only; never sign, even if the key is in the producer set. */
    observer: z.boolean().default(false),
    p2p: z.strictObject({
      host: host.default('127.0.0.1'),
      port,
      /** The URL peers should dial, when it differs from wss://host:port/p2p (NAT, proxy). */
      listenUrl: wsUrl.optional(),
      peers: z.array(wsUrl).default([]),
      /** Keys of non-candidate nodes (followers, wallets' RPC nodes) allowed to connect. */
      observers: z.array(hexKey).default([]),
    }),
    rpc: z.strictObject({ host: host.default('127.0.0.1'), port }),
    log: z
      .strictObject({
        level: z.enum(LOG_LEVELS).default('info'),
        /** null: log to stderr (for a service manager that collects it). */
        file: path.nullable().default('node.log'),
      })
      .default({ level: 'info', file: 'node.log' }),
  })
  .refine((c) => c.p2p.port === 0 || c.p2p.port !== c.rpc.port, {
    message: 'must differ from p2p.port',
    path: ['rpc', 'port'],
  });

export type NodeFileConfig = z.output<typeof nodeConfigSchema>;

/** "field: problem" for each issue, so the user knows which line of the file (or which option) to fix. */
export function describeIssues(error: z.ZodError, label: (field: string) => string = (field) => field): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${label(issue.path.length ? issue.path.join('.') : 'config')}: ${issue.message}`)
    .join('; ');
}

export function configPath(dir: string): string {
  return join(dir, CONFIG_FILE);
}

/** Checks settings before anything is written, naming the field at fault (and the option that set it). */
export function checkNodeConfig(
  settings: z.input<typeof nodeConfigSchema>,
  optionOf: Record<string, string> = {},
): NodeFileConfig {
  const parsed = nodeConfigSchema.safeParse(settings);
  const label = (field: string) => {
    const option = optionOf[field.replace(/\.\d+$/, '')];
    return option ? `${field} (${option})` : field;
  };
  if (!parsed.success) throw new CliError(`Invalid node settings: ${describeIssues(parsed.error, label)}.`);
  return parsed.data;
}

/** Writes a new config; never replaces an existing one (it may point at a key in use). */
export function writeNodeConfig(dir: string, config: NodeFileConfig): void {
  const file = configPath(dir);
  try {
    writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new CliError(`${file} already exists; refusing to overwrite a node's config.`);
    throw error;
  }
}

export function readNodeConfig(dir: string): NodeFileConfig {
  const file = configPath(dir);
  if (!existsSync(file))
    throw new CliError(`${file} not found; create it with \`consortia node init --dir ${dir} --genesis FILE\`.`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = nodeConfigSchema.safeParse(json);
  if (!parsed.success) throw new CliError(`${file} is not a valid node config: ${describeIssues(parsed.error)}.`);
  return parsed.data;
}

/** A path from the config, relative to the node directory unless absolute. */
export function inNodeDir(dir: string, file: string): string {
  return isAbsolute(file) ? file : resolve(dir, file);
}

/** Reads and checks a genesis JSON file, listing every problem found. */
export function readGenesisFile(file: string): { doc: GenesisDoc; text: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `Cannot read genesis file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const parsed = parseGenesis(text);
  if (!parsed.ok) throw new CliError(`${file} is not a valid genesis: ${parsed.problems.join('; ')}`);
  return { doc: parsed.doc, text };
}
