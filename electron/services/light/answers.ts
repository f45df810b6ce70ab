/**
 * The RPC answers the light node uses, parsed from their canonical bytes into checked shapes.
 * A parser checks that the answer is about what was asked (height, round); whether it is true is
 * for the light-client rules to decide.
 */
import type { CertifiedHeader, HandOff } from '../../../shared/core/light/index.ts';
import {
  commitCertificateCodec,
  HASH_BYTES,
  signedHeaderCodec,
  validatorSetCodec,
  type Hash,
} from '../../../shared/core/types/index.ts';
import { VerificationError } from './errors.ts';
import {
  asArray,
  asObject,
  decimal,
  decodeField,
  hexBytes,
  hexOrNull,
  smallInteger,
  text,
  type JsonObject,
} from './wire.ts';

export interface ChainInfo {
  readonly chainId: string;
  /** Hash of the genesis document the endpoint runs. */
  readonly genesisDocHash: Hash;
  readonly height: bigint;
  /** The highest height its own peers reported lately, when it says (unverified, a hint only). */
  readonly peersHeight?: bigint;
}

export function chainInfo(result: unknown): ChainInfo {
  const m = 'chain.info';
  const answer = asObject(m, result);
  return {
    chainId: text(m, answer, 'chainId'),
    genesisDocHash: hexBytes(m, answer, 'genesisHash'),
    height: decimal(m, answer, 'height'),
    ...(answer.peersHeight === undefined ? {} : { peersHeight: decimal(m, answer, 'peersHeight') }),
  };
}

function headerAndCertificate(method: string, answer: JsonObject): CertifiedHeader {
  const signed = hexOrNull(method, answer, 'header');
  const certificate = hexOrNull(method, answer, 'certificate');
  if (signed === null || certificate === null)
    throw VerificationError.malformed(method, 'the header or its certificate is missing');
  return {
    header: decodeField(method, signedHeaderCodec, signed, 'header').header,
    certificate: decodeField(method, commitCertificateCodec, certificate, 'certificate'),
  };
}

/** chain.header for a height above 0: the header and the certificate that made it final. */
export function certifiedHeader(result: unknown, height: bigint): CertifiedHeader {
  const m = 'chain.header';
  const answer = asObject(m, result);
  const certified = headerAndCertificate(m, answer);
  if (decimal(m, answer, 'height') !== height || certified.header.height !== height) {
    throw VerificationError.failed(m, `asked for header ${height}, it sent header ${certified.header.height}`);
  }
  return certified;
}

export function handOffs(result: unknown): HandOff[] {
  const m = 'chain.handOffs';
  return asArray(m, result).map((item) => {
    const entry = asObject(m, item);
    const { header, certificate } = headerAndCertificate(m, entry);
    if (decimal(m, entry, 'round') !== header.dposRound || decimal(m, entry, 'height') !== header.height) {
      throw VerificationError.malformed(
        m,
        `an entry is labelled round ${String(entry.round)} at height ${String(entry.height)}, but its header is header ${header.height} of round ${header.dposRound}`,
      );
    }
    const nextValidatorSet = decodeField(
      m,
      validatorSetCodec,
      hexBytes(m, entry, 'nextValidatorSet'),
      'next validator set',
    );
    return { header, certificate, nextValidatorSet };
  });
}

export interface StateAnswer {
  readonly blockHash: Hash;
  readonly value: Uint8Array | null;
  readonly proof: Uint8Array;
}

/** state.account / state.candidate / state.record at a requested height. */
export function stateAnswer(method: string, result: unknown, height: bigint): StateAnswer {
  const answer = asObject(method, result);
  const answered = decimal(method, answer, 'height');
  if (answered !== height)
    throw VerificationError.failed(
      method,
      `asked for the state at height ${height}, it answered for height ${answered}`,
    );
  return {
    blockHash: hash(method, answer, 'blockHash'),
    value: hexOrNull(method, answer, 'value'),
    proof: hexBytes(method, answer, 'proof'),
  };
}

export type TxStatusAnswer =
  | { readonly status: 'pending' | 'unknown' }
  | {
      readonly status: 'final';
      readonly height: bigint;
      readonly blockHash: Hash;
      readonly index: number;
      readonly count: number;
      readonly proof: Uint8Array[];
    };

export function txStatus(result: unknown): TxStatusAnswer {
  const m = 'tx.status';
  const answer = asObject(m, result);
  const status = text(m, answer, 'status');
  if (status === 'pending' || status === 'unknown') return { status };
  if (status !== 'final') throw VerificationError.malformed(m, `"${status}" is not a transaction status`);
  const proof = asArray(m, answer.proof).map((_, i) => hash(m, answer.proof as JsonObject, String(i)));
  return {
    status,
    height: decimal(m, answer, 'height'),
    blockHash: hash(m, answer, 'blockHash'),
    index: smallInteger(m, answer, 'index'),
    count: smallInteger(m, answer, 'count'),
    proof,
  };
}

function hash(method: string, answer: JsonObject, field: string): Hash {
  const bytes = hexBytes(method, answer, field);
  if (bytes.length !== HASH_BYTES)
    throw VerificationError.malformed(method, `field "${field}" is not a ${HASH_BYTES}-byte hash`);
  return bytes;
}
