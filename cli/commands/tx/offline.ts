import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { hexToBytes } from '@noble/hashes/utils.js';
import { addressFromPublicKey, SigningDomain, verifyDomain } from '../../../shared/core/crypto/index.ts';
import { equalBytes } from '../../../shared/core/encoding/index.ts';
import {
  parseEnvelope,
  parseReply,
  signEnvelope,
  summarise,
  type AmountDisplay,
  type OpenedEnvelope,
} from '../../../shared/core/offline/index.ts';
import { signedTransactionCodec, transactionCodec, type SignedTransaction } from '../../../shared/core/types/index.ts';
import { readKeyFile } from '../../../shared/node/keyfile.ts';
import { displayFrom } from '../../lib/display.ts';
import { withNode } from '../../lib/rpc.ts';
import { CliError, type Output } from '../../output.ts';
import { submitSigned, type WaitOptions } from './submit.ts';

export interface SignOptions {
  in: string;
  key: string;
  out: string;
  chainId?: string;
  prefix?: string;
  yes?: boolean;
  decimals: string;
  symbol: string;
}

/** `tx sign`: show what the request really does (recomputed from its bytes), then sign it with the sender's key. */
export async function signRequest(o: SignOptions, output: Output): Promise<void> {
  const display = displayFrom(o);
  if (existsSync(o.out)) throw new CliError(`${o.out} already exists; refusing to overwrite it.`);
  const opened = openRequest(o.in, display);
  const { envelope, tx } = opened;
  if (o.chainId !== undefined && o.chainId !== envelope.chainId)
    throw new CliError(
      `${o.in} asks for a signature on network "${envelope.chainId}", not "${o.chainId}". Not signed.`,
    );
  if (o.prefix !== undefined && o.prefix !== envelope.addressPrefix)
    throw new CliError(`${o.in} uses address prefix "${envelope.addressPrefix}", not "${o.prefix}". Not signed.`);
  const key = readKeyFile(o.key, 'account');
  if (!equalBytes(key.publicKey, tx.senderPublicKey)) {
    const show = (pk: Uint8Array) => addressFromPublicKey(envelope.addressPrefix, pk);
    throw new CliError(
      `${o.key} holds the key of ${show(key.publicKey)}, but this transaction is sent by ${show(tx.senderPublicKey)}; sign with that account's key file. Not signed.`,
    );
  }
  // Shown before anything else happens, on stderr so --json output stays one document.
  process.stderr.write(
    [`Signing request ${envelope.requestId} asks you to sign:`, ...opened.summary.map((l) => `  ${l}`), ''].join('\n'),
  );
  if (!opened.summaryMatches) {
    throw new CliError(
      `The summary written in ${o.in} does not match its transaction: the file was changed after it was made (or made with other --decimals/--symbol). The lines above are what the transaction really does. Not signed.`,
    );
  }
  await confirm(Boolean(o.yes));
  const reply = signEnvelope(opened, key.secretKey, key.publicKey);
  if (!reply.ok) throw new CliError(`Not signed: ${reply.reason}.`);
  const checked = parseReply(JSON.stringify(reply.value), envelope);
  if (!checked.ok)
    throw new CliError(`The signature just made does not check out (${checked.reason}); nothing was written.`);
  try {
    writeFileSync(o.out, `${JSON.stringify(reply.value, null, 2)}\n`, { flag: 'wx' });
  } catch (error) {
    throw new CliError(`Cannot write ${o.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  output.result(
    { file: o.out, requestId: envelope.requestId, id: checked.value.id, summary: opened.summary },
    () =>
      `Wrote the signed reply to ${o.out} (transaction ${checked.value.id}).\nBroadcast it from an online machine with: consortia tx broadcast --in ${o.out} --request ${o.in}`,
  );
}

export interface BroadcastOptions extends WaitOptions {
  in: string;
  request?: string;
  rpc: string;
  decimals: string;
  symbol: string;
}

/** `tx broadcast`: a signed reply (checked against its request when given) or raw signed hex, sent to the node. */
export async function broadcast(o: BroadcastOptions, output: Output): Promise<void> {
  const display = displayFrom(o);
  const text = readText(o.in).trim();
  let signed: SignedTransaction;
  let chainId: string | undefined;
  if (/^[0-9a-fA-F]+$/.test(text)) {
    if (o.request) throw new CliError('--request checks a reply file; raw signed hex carries no request id to check.');
    const decoded = text.length % 2 === 0 ? signedTransactionCodec.decode(hexToBytes(text.toLowerCase())) : undefined;
    if (!decoded?.ok)
      throw new CliError(
        `${o.in} is not a signed transaction: ${decoded ? decoded.error.reason : 'odd number of hex digits'}.`,
      );
    signed = decoded.value;
  } else {
    const envelope = o.request ? openRequest(o.request, display).envelope : undefined;
    const checked = parseReply(text, envelope);
    if (!checked.ok) throw new CliError(`${o.in} cannot be broadcast: ${checked.reason}.`);
    signed = checked.value.signed;
    chainId = checked.value.reply.chainId;
  }
  await withNode(o.rpc, async (node) => {
    const info = await node.info();
    if (chainId !== undefined && chainId !== info.chainId)
      throw new CliError(
        `${o.in} is signed for network "${chainId}", but the node at ${node.url} serves "${info.chainId}".`,
      );
    if (
      !verifyDomain(
        SigningDomain.TRANSACTION,
        info.chainId,
        transactionCodec.encode(signed.tx),
        signed.signature,
        signed.tx.senderPublicKey,
      )
    ) {
      throw new CliError(
        `The signature in ${o.in} does not verify on network "${info.chainId}" (another network, another key, or altered bytes).`,
      );
    }
    await submitSigned(
      node,
      signed,
      summarise(signed.tx, { ...display, prefix: info.addressPrefix, chainId: info.chainId }),
      o,
      output,
    );
  });
}

function openRequest(file: string, display: AmountDisplay): OpenedEnvelope {
  const opened = parseEnvelope(readText(file), display);
  if (!opened.ok) throw new CliError(`${file} is not a usable signing request: ${opened.reason}.`);
  return opened.value;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
}

/** Signing is the one irreversible step: a person confirms it, a script says --yes. */
async function confirm(yes: boolean): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY)
    throw new CliError('Not signed: add --yes to sign without a prompt (stdin is not a terminal).');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question('Sign this transaction? [y/N] ');
  rl.close();
  if (!/^y(es)?$/i.test(answer.trim())) throw new CliError('Not signed.');
}
