import '../shared/node/sha256.ts'; // OpenSSL's SHA-256 for shared/core: same bytes, several times faster
import { Command, CommanderError } from 'commander';
import { KeyFileError } from '../shared/node/keyfile.ts';
import { CliError, makeOutput, type Output } from './output.ts';

type Register = (program: Command, output: () => Output) => void;

/*
 * Each top-level command is loaded only when it is the one asked for: `consortia keys show` never loads the
 * node, SQLite, WebSockets or the RPC client. Help without a command (or an unknown one) loads them all.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  keys: async () => (await import('./commands/keys.ts')).registerKeys,
  tx: async () => (await import('./commands/tx.ts')).registerTx,
  query: async () => (await import('./commands/query.ts')).registerQuery,
  devnet: async () => (await import('./commands/devnet.ts')).registerDevnet,
  node: async () => (await import('./commands/node.ts')).registerNode,
};

const program = new Command('consortia')
  .description('Consortia: run nodes and a devnet, manage keys, build, sign and send transactions, query the chain')
  .option('--json', 'print machine-readable JSON')
  .showHelpAfterError()
  .exitOverride();

const output = (): Output => makeOutput(Boolean(program.opts<{ json?: boolean }>().json));
const asked = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
const wanted = asked !== undefined && asked in COMMANDS ? [asked] : Object.keys(COMMANDS);
for (const register of await Promise.all(wanted.map((name) => COMMANDS[name]!()))) register(program, output);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  const known = error instanceof CliError || error instanceof KeyFileError;
  const message = known ? (error as Error).message : `Unexpected error: ${(error as Error).stack ?? String(error)}`;
  const details = error instanceof CliError ? error.details : undefined;
  if (program.opts<{ json?: boolean }>().json)
    process.stdout.write(`${JSON.stringify({ error: message, ...details })}\n`);
  process.stderr.write(`consortia: ${message}\n`);
  process.exit(error instanceof CliError ? error.exitCode : 1);
}
