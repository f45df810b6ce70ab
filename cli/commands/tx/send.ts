import type { Command } from 'commander';
import { existsSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hexToBytes } from '@noble/hashes/utils.js';
import {
  addressFromPublicKey,
  isValidChainId,
  parseAddress,
  SigningDomain,
  signDomain,
} from '../../../shared/core/crypto/index.ts';
import { EncodeError } from '../../../shared/core/encoding/index.ts';
import { isValidAddressPrefix } from '../../../shared/core/genesis/index.ts';
import {
  buildEnvelope,
  parseAmount,
  parseBaseUnits,
  summarise,
  type AmountDisplay,
} from '../../../shared/core/offline/index.ts';
import { transactionCodec, type Transaction } from '../../../shared/core/types/index.ts';
import { readKeyFile } from '../../../shared/node/keyfile.ts';
import { displayFrom } from '../../lib/display.ts';
import { NodeRpc, rpcGiven } from '../../lib/rpc.ts';
import { CliError, type Output } from '../../output.ts';
import type { BuildContext, TxKind } from './payloads.ts';
import { preflight } from './preflight.ts';
import { submitSigned, type WaitOptions } from './submit.ts';

export interface SendOptions extends WaitOptions {
  key?: string;
  publicKey?: string;
  rpc: string;
  nonce?: string;
  fee?: string;
  expiry?: string;
  chainId?: string;
  prefix?: string;
  offline?: boolean;
  out?: string;
  baseUnits?: boolean;
  preflight: boolean;
  decimals: string;
  symbol: string;
}

/** The options every payload command shares. */
export function addSendOptions(command: Command): Command {
  return command
    .option('--key <file>', 'account key file of the sender (signs the transaction)')
    .option('--public-key <hex>', "sender's public key, for --offline requests made without the key file")
    .option('--nonce <n>', "sender nonce (default: the next one after the sender's transactions pending at the node)")
    .option('--fee <amount>', 'fee (default: the network minimum)')
    .option('--expiry <height>', 'last height that may include it (default: current height + 100)')
    .option('--chain-id <id>', 'network id (checked against the node; needed with --offline and no --rpc)')
    .option(
      '--prefix <hrp>',
      'address prefix of the network (checked against the node; needed with --offline and no --rpc)',
    )
    .option('--base-units', 'amounts are whole base units instead of tokens')
    .option('--no-preflight', "send even if the sender's account says it cannot apply")
    .option('--offline', 'write an unsigned signing request to --out instead of sending')
    .option('--out <file>', 'where --offline writes the request')
    .option(
      '--wait',
      'wait until the transaction is final, re-sending it if it is lost (to --fallback-rpc when the node is down)',
    )
    .option('--fallback-rpc <urls>', "other nodes' RPC addresses, comma-separated, for --wait to re-send to")
    .option('--timeout <seconds>', 'how long --wait waits', '60');
}

const OFFLINE_NEEDS = [
  ['nonce', '--nonce'],
  ['fee', '--fee'],
  ['expiry', '--expiry'],
  ['chainId', '--chain-id'],
  ['prefix', '--prefix'],
] as const;

export async function sendTx(kind: TxKind, command: Command, output: Output): Promise<void> {
  const o = command.opts<SendOptions>();
  const display = displayFrom(o);
  if (o.key && o.publicKey) throw new CliError('Give --key or --public-key, not both.');
  if (Boolean(o.offline) !== Boolean(o.out))
    throw new CliError(
      o.offline ? '--offline needs --out FILE for the unsigned request.' : '--out is only for --offline requests.',
    );
  if (o.out && existsSync(o.out)) throw new CliError(`${o.out} already exists; refusing to overwrite it.`);
  const signer = o.key ? readKeyFile(o.key, 'account') : undefined;
  if (!o.offline && !signer)
    throw new CliError(
      'Give --key FILE to sign and send (or --offline --out FILE to write a request to sign elsewhere).',
    );
  const senderPublicKey = signer?.publicKey ?? publicKey(o.publicKey);
  for (const [flag, value] of [
    ['--chain-id', o.chainId],
    ['--prefix', o.prefix],
  ] as const) {
    if (value !== undefined && !(flag === '--chain-id' ? isValidChainId(value) : isValidAddressPrefix(value)))
      throw new CliError(`${flag} "${value}" is not valid.`);
  }
  const missing = o.offline ? OFFLINE_NEEDS.filter(([key]) => o[key] === undefined).map(([, flag]) => flag) : [];
  // Offline with every value given means no network at all; the default RPC address never counts as asked for.
  if (missing.length > 0 && o.offline && !rpcGiven(command)) {
    throw new CliError(
      `--offline without --rpc does not touch the network, so it also needs ${missing.join(', ')} (or give --rpc to read them from a node).`,
    );
  }
  const node = !o.offline || missing.length > 0 ? await NodeRpc.open(o.rpc) : undefined;
  try {
    const info = node ? await node.info() : undefined;
    if (info && o.chainId !== undefined && o.chainId !== info.chainId)
      throw new CliError(`The node at ${node!.url} serves network "${info.chainId}", not "${o.chainId}".`);
    if (info && o.prefix !== undefined && o.prefix !== info.addressPrefix)
      throw new CliError(`The node at ${node!.url} uses address prefix "${info.addressPrefix}", not "${o.prefix}".`);
    const chainId = o.chainId ?? info!.chainId;
    const prefix = o.prefix ?? info!.addressPrefix;
    const ctx = buildContext(prefix, display, Boolean(o.baseUnits));
    const payload = kind.build(command.opts(), ctx);
    const sender = addressFromPublicKey(prefix, senderPublicKey);
    const account = node ? await node.account(sender) : undefined;
    const tx: Transaction = {
      senderPublicKey,
      nonce: o.nonce !== undefined ? wholeNumber(o.nonce, '--nonce') : await node!.nextNonce(sender),
      fee: o.fee !== undefined ? ctx.amount(o.fee, '--fee') : info!.parameters.minFee,
      expiryHeight: o.expiry !== undefined ? wholeNumber(o.expiry, '--expiry') : info!.height + 100n,
      payload,
    };
    const bytes = encode(tx);
    const problem =
      account && o.preflight
        ? await preflight(node!, account, tx, { chainId, addressPrefix: prefix, height: info!.height })
        : undefined;
    if (problem) throw new CliError(`Not ${o.offline ? 'written' : 'sent'}: ${problem}.`);
    if (o.offline) return writeRequest(o.out!, { chainId, addressPrefix: prefix, tx }, display, output);
    const signature = signDomain(SigningDomain.TRANSACTION, chainId, bytes, signer!.secretKey);
    await submitSigned(node!, { tx, signature }, summarise(tx, { ...display, prefix, chainId }), o, output);
  } finally {
    await node?.close();
  }
}

function writeRequest(
  file: string,
  input: { chainId: string; addressPrefix: string; tx: Transaction },
  display: AmountDisplay,
  output: Output,
): void {
  const built = buildEnvelope(
    { ...input, requestId: randomBytes(16).toString('hex'), createdAt: new Date().toISOString() },
    display,
  );
  if (!built.ok) throw new CliError(`Cannot make the signing request: ${built.reason}.`);
  try {
    writeFileSync(file, `${JSON.stringify(built.value, null, 2)}\n`, { flag: 'wx' });
  } catch (error) {
    throw new CliError(`Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  const envelope = built.value;
  output.result(
    {
      file,
      requestId: envelope.requestId,
      chainId: envelope.chainId,
      summary: envelope.summary,
      transaction: envelope.transaction,
    },
    () =>
      [
        `Wrote signing request ${envelope.requestId} to ${file}`,
        ...envelope.summary.map((l) => `  ${l}`),
        `Sign it offline with: consortia tx sign --in ${file} --key KEYFILE --out REPLY`,
      ].join('\n'),
  );
}

function buildContext(prefix: string, display: AmountDisplay, baseUnits: boolean): BuildContext {
  return {
    address(text, flag) {
      const parsed = parseAddress(prefix, text.trim());
      if (!parsed.ok) throw new CliError(`${flag} ${JSON.stringify(text)}: ${parsed.reason}`);
      return parsed.value;
    },
    amount(text, flag) {
      const parsed = baseUnits ? parseBaseUnits(text) : parseAmount(text, display.decimals);
      if (!parsed.ok)
        throw new CliError(
          `${flag}: ${parsed.reason}${baseUnits ? '' : ` (${display.symbol}; --base-units for base units)`}.`,
        );
      return parsed.value;
    },
  };
}

function wholeNumber(text: string, flag: string): bigint {
  const parsed = parseBaseUnits(text);
  if (!parsed.ok) throw new CliError(`${flag} must be a whole number, got "${text}".`);
  return parsed.value;
}

function publicKey(text: string | undefined): Uint8Array {
  if (text === undefined) throw new CliError('Give the sender with --key FILE or --public-key HEX.');
  if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new CliError(`--public-key must be 64 hex digits, got "${text}".`);
  return hexToBytes(text.toLowerCase());
}

/** The one place a bad field value (too long a memo, a bad name) turns into a message for the user. */
function encode(tx: Transaction): Uint8Array {
  try {
    return transactionCodec.encode(tx);
  } catch (error) {
    if (error instanceof EncodeError) throw new CliError(`The transaction cannot be encoded: ${error.message}.`);
    throw error;
  }
}
