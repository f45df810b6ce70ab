import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { encodeAddress } from '../../shared/core/crypto/index.ts';
import { escapeText, formatAmount, summarise, type AmountDisplay } from '../../shared/core/offline/index.ts';
import { blockCodec, transactionId } from '../../shared/core/types/index.ts';
import { table } from './display.ts';
import type { ChainInfo } from './rpc.ts';
import { CliError } from '../output.ts';

/** Parameters counted in base units, shown as amounts like everywhere else. */
const AMOUNT_PARAMETERS = new Set(['minFee', 'blockReward']);

export function showInfo(info: ChainInfo, raw: unknown, display: AmountDisplay): string {
  const parameters = Object.entries((raw as { parameters: Record<string, unknown> }).parameters).map(
    ([name, value]) => [
      name,
      AMOUNT_PARAMETERS.has(name) && typeof value === 'string' && /^\d+$/.test(value)
        ? formatAmount(BigInt(value), display)
        : String(value),
    ],
  );
  // Text from the node is shown with its hidden characters made visible.
  return [
    `Network      ${escapeText(info.chainId)} (addresses ${escapeText(info.addressPrefix)}1…)`,
    `Genesis      ${info.genesisHash}`,
    `Height       ${info.height} (final ${info.finalHeight})`,
    `Round        DPoS ${info.dposRound}, BFT ${info.bftRound}`,
    `Producers    ${escapeText(info.validators.map((v) => v.address).join(', '))}`,
    '',
    table(['parameter', 'value'], parameters),
  ].join('\n');
}

/** A block from its canonical bytes, each transaction in the same plain words as a signing request. */
export function blockView(hex: string, hash: string, info: ChainInfo, display: AmountDisplay): string {
  const decoded = /^[0-9a-f]*$/.test(hex) && hex.length % 2 === 0 ? blockCodec.decode(hexToBytes(hex)) : undefined;
  if (!decoded?.ok)
    throw new CliError(`The node sent a block that does not decode${decoded ? `: ${decoded.error.reason}` : ''}.`);
  const { header } = decoded.value.header;
  const txs = decoded.value.transactions;
  return [
    `Block ${header.height} ${hash} (DPoS round ${header.dposRound})`,
    `  produced by ${encodeAddress(info.addressPrefix, header.producer)} at ${new Date(Number(header.timestamp)).toISOString()}`,
    `  state root ${bytesToHex(header.stateRoot)}`,
    `${txs.length} transaction${txs.length === 1 ? '' : 's'}${txs.length ? ':' : ''}`,
    ...txs.flatMap((signed, i) => [
      `  ${i + 1}. ${bytesToHex(transactionId(signed))}`,
      ...summarise(signed.tx, { ...display, prefix: info.addressPrefix }).map((l) => `     ${l}`),
    ]),
  ].join('\n');
}
