import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as z from 'zod';
import { publicKeyFromSecret } from '../core/crypto/index.ts';

/**
 * A plain key file for the CLI, devnet accounts and a producer node's consensus key (the desktop app keeps its
 * keys in the encrypted vault instead). Written with mode 0600; the public key is stored too, so a file whose
 * halves do not belong together is refused instead of signing with a surprise key.
 */
export type KeyKind = 'account' | 'consensus';
export interface KeyFile {
  kind: KeyKind;
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  /** Present when the key was derived from a mnemonic (account keys made by `consortia keys new`). */
  mnemonic?: string;
  path?: string;
  label?: string;
}

const hex32 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters');
const schema = z
  .object({
    version: z.literal(1),
    kind: z.enum(['account', 'consensus']),
    secretKey: hex32,
    publicKey: hex32,
    mnemonic: z.string().optional(),
    path: z.string().optional(),
    label: z.string().max(100).optional(),
  })
  .strict();

export class KeyFileError extends Error {}

const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fromHex = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

export function writeKeyFile(file: string, key: KeyFile, options: { overwrite?: boolean } = {}): void {
  if (!options.overwrite && existsSync(file))
    throw new KeyFileError(`${file} already exists; refusing to overwrite a key.`);
  mkdirSync(dirname(file), { recursive: true });
  const body = {
    version: 1,
    kind: key.kind,
    secretKey: toHex(key.secretKey),
    publicKey: toHex(key.publicKey),
    ...(key.mnemonic ? { mnemonic: key.mnemonic } : {}),
    ...(key.path ? { path: key.path } : {}),
    ...(key.label ? { label: key.label } : {}),
  };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
}

export function readKeyFile(file: string, expectedKind?: KeyKind): KeyFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new KeyFileError(
      `Cannot read key file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeyFileError(`${file} is not a key file (not JSON; truncated or wrong file?).`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new KeyFileError(`${file} is not a valid key file: ${issue.path.join('.') || 'file'} ${issue.message}.`);
  }
  const secretKey = fromHex(parsed.data.secretKey);
  const publicKey = fromHex(parsed.data.publicKey);
  if (toHex(publicKeyFromSecret(secretKey)) !== parsed.data.publicKey) {
    throw new KeyFileError(
      `${file}: the public key does not belong to the secret key; the file was edited or damaged.`,
    );
  }
  if (expectedKind && parsed.data.kind !== expectedKind) {
    throw new KeyFileError(`${file} holds a ${parsed.data.kind} key, but a ${expectedKind} key is needed here.`);
  }
  return {
    kind: parsed.data.kind,
    secretKey,
    publicKey,
    ...(parsed.data.mnemonic ? { mnemonic: parsed.data.mnemonic } : {}),
    ...(parsed.data.path ? { path: parsed.data.path } : {}),
    ...(parsed.data.label ? { label: parsed.data.label } : {}),
  };
}
