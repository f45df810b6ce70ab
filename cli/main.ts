import '../shared/node/sha256.ts'; // OpenSSL's SHA-256 for shared/core: same bytes, several times faster
import { Command, CommanderError } from 'commander';
import { KeyFileError } from '../shared/node/keyfile.ts';
import { registerKeys } from './commands/keys.ts';
import { registerQuery } from './commands/query.ts';
import { registerTx } from './commands/tx.ts';
import { registerDevnet } from './commands/devnet.ts';
import { registerNode } from './commands/node.ts';
import { CliError, makeOutput, type Output } from './output.ts';

const program = new Command('consortia')
  .description('Consortia: run nodes and a devnet, manage keys, build, sign and send transactions, query the chain')
  .option('--json', 'print machine-readable JSON')
  .showHelpAfterError()
  .exitOverride();

const output = (): Output => makeOutput(Boolean(program.opts<{ json?: boolean }>().json));
registerKeys(program, output);
registerTx(program, output);
registerQuery(program, output);
registerDevnet(program, output);
registerNode(program, output);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  const known = error instanceof CliError || error instanceof KeyFileError;
  const message = known ? (error as Error).message : `Unexpected error: ${(error as Error).stack ?? String(error)}`;
  if (program.opts<{ json?: boolean }>().json) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
  process.stderr.write(`consortia: ${message}\n`);
  process.exit(error instanceof CliError ? error.exitCode : 1);
}
