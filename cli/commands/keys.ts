import type { Command } from 'commander';
import {
  addressFromPublicKey,
  deriveAccountKey,
  generateMnemonic,
  generateSecretKey,
  mnemonicToSeed,
  publicKeyFromSecret,
  validateMnemonic,
} from '../../shared/core/crypto/index.ts';
import { readKeyFile, writeKeyFile, type KeyFile } from '../../shared/node/keyfile.ts';
import { CliError, type Output } from '../output.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function describe(key: KeyFile, prefix: string) {
  return {
    kind: key.kind,
    publicKey: hex(key.publicKey),
    ...(key.kind === 'account' ? { address: addressFromPublicKey(prefix, key.publicKey) } : {}),
    ...(key.path ? { path: key.path } : {}),
  };
}

export function registerKeys(program: Command, output: () => Output): void {
  const keys = program.command('keys').description('create, import and show key files');

  keys
    .command('new')
    .description('create a key: an account key from a new 24-word mnemonic, or a producer consensus key')
    .requiredOption('--out <file>', 'where to write the key file (mode 0600)')
    .option('--consensus', 'make a consensus key for a producer node instead of an account key')
    .option('--account <index>', 'account index under the mnemonic', '0')
    .option('--prefix <hrp>', 'address prefix of the network', 'csa')
    .action((options: { out: string; consensus?: boolean; account: string; prefix: string }) => {
      let key: KeyFile;
      if (options.consensus) {
        const secretKey = generateSecretKey();
        key = { kind: 'consensus', secretKey, publicKey: publicKeyFromSecret(secretKey) };
      } else {
        const mnemonic = generateMnemonic();
        const derived = deriveAccountKey(mnemonicToSeed(mnemonic), accountIndex(options.account));
        key = {
          kind: 'account',
          secretKey: derived.secretKey,
          publicKey: derived.publicKey,
          mnemonic,
          path: derived.path,
        };
      }
      writeKeyFile(options.out, key);
      const shown = describe(key, options.prefix);
      output().result({ file: options.out, ...shown }, () =>
        [
          `Wrote ${options.out}`,
          ...Object.entries(shown).map(([k, v]) => `  ${k}: ${v}`),
          key.mnemonic ? '  The mnemonic is in the file; write it down and keep the file private.' : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    });

  keys
    .command('import')
    .description('import an account key from a BIP39 mnemonic (read from stdin or --mnemonic)')
    .requiredOption('--out <file>', 'where to write the key file (mode 0600)')
    .option('--mnemonic <words>', 'the 24 words (prefer stdin, so they stay out of shell history)')
    .option('--account <index>', 'account index under the mnemonic', '0')
    .option('--prefix <hrp>', 'address prefix of the network', 'csa')
    .action(async (options: { out: string; mnemonic?: string; account: string; prefix: string }) => {
      const text = options.mnemonic ?? (await readStdin());
      const checked = validateMnemonic(text);
      if (!checked.ok) throw new CliError(`Mnemonic not accepted: ${checked.reason}`);
      const derived = deriveAccountKey(mnemonicToSeed(checked.value), accountIndex(options.account));
      const key: KeyFile = {
        kind: 'account',
        secretKey: derived.secretKey,
        publicKey: derived.publicKey,
        mnemonic: checked.value,
        path: derived.path,
      };
      writeKeyFile(options.out, key);
      const shown = describe(key, options.prefix);
      output().result({ file: options.out, ...shown }, () => `Wrote ${options.out}\n  address: ${shown.address}`);
    });

  keys
    .command('show')
    .description('show the public key and address of a key file')
    .argument('<file>', 'key file')
    .option('--prefix <hrp>', 'address prefix of the network', 'csa')
    .action((file: string, options: { prefix: string }) => {
      const shown = describe(readKeyFile(file), options.prefix);
      output().result(shown, () =>
        Object.entries(shown)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n'),
      );
    });
}

function accountIndex(text: string): number {
  const index = Number(text);
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** 31)
    throw new CliError(`--account must be an integer from 0 to 2147483647, got "${text}".`);
  return index;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new CliError(
      'Give the mnemonic on stdin (e.g. `consortia keys import --out k.json < words.txt`) or with --mnemonic.',
    );
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}
