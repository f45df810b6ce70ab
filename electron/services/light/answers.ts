/**
 * The RPC answers the light node uses, from the contract's checked results (Connection validates each against
 * shared/contract/rpc-results.ts) to the protocol's types: canonical bytes decoded, and each answer checked to be
 * about what was asked (height, round). Whether it is true is for the light-client rules to decide.
 */
import type { CertifiedHeader, HandOff } from '../../../shared/core/light/index.ts';
import {
  commitCertificateCodec,
  signedHeaderCodec,
  validatorSetCodec,
  type Hash,
} from '../../../shared/core/types/index.ts';
import type { RpcMethodName, RpcResult } from '../../../shared/contract/rpc.ts';
import { VerificationError } from './errors.ts';
import { decodeField, fromHex } from './wire.ts';

export interface ChainInfo {
  readonly chainId: string;
  /** Hash of the genesis document the endpoint runs. */
  readonly genesisDocHash: Hash;
  readonly height: bigint;
  /** The highest height its own peers reported lately, when it says (unverified, a hint only). */
  readonly peersHeight?: bigint;
}

export function chainInfo(result: RpcResult<'chain.info'>): ChainInfo {
  return {
    chainId: result.chainId,
    genesisDocHash: fromHex(result.genesisHash),
    height: BigInt(result.height),
    ...(result.peersHeight === undefined ? {} : { peersHeight: BigInt(result.peersHeight) }),
  };
}

function headerAndCertificate(
  method: string,
  answer: { header: string | null; certificate: string | null },
): CertifiedHeader {
  if (answer.header === null || answer.certificate === null)
    throw VerificationError.malformed(method, 'the header or its certificate is missing');
  return {
    header: decodeField(method, signedHeaderCodec, fromHex(answer.header), 'header').header,
    certificate: decodeField(method, commitCertificateCodec, fromHex(answer.certificate), 'certificate'),
  };
}

/** chain.header for a height above 0: the header and the certificate that made it final. */
export function certifiedHeader(result: RpcResult<'chain.header'>, height: bigint): CertifiedHeader {
  const m = 'chain.header';
  const certified = headerAndCertificate(m, result);
  if (BigInt(result.height) !== height || certified.header.height !== height) {
    throw VerificationError.failed(m, `asked for header ${height}, it sent header ${certified.header.height}`);
  }
  return certified;
}

export function handOffs(result: RpcResult<'chain.handOffs'>): HandOff[] {
  const m = 'chain.handOffs';
  return result.map((entry) => {
    const { header, certificate } = headerAndCertificate(m, entry);
    if (BigInt(entry.round) !== header.dposRound || BigInt(entry.height) !== header.height) {
      throw VerificationError.malformed(
        m,
        `an entry is labelled round ${entry.round} at height ${entry.height}, but its header is header ${header.height} of round ${header.dposRound}`,
      );
    }
    const nextValidatorSet = decodeField(m, validatorSetCodec, fromHex(entry.nextValidatorSet), 'next validator set');
    return { header, certificate, nextValidatorSet };
  });
}

export interface StateAnswer {
  readonly blockHash: Hash;
  readonly value: Uint8Array | null;
  readonly proof: Uint8Array;
}

export type StateMethod = Extract<RpcMethodName, 'state.account' | 'state.candidate' | 'state.record'>;

/** state.account / state.candidate / state.record at a requested height (`decoded` is never read). */
export function stateAnswer(method: StateMethod, result: RpcResult<StateMethod>, height: bigint): StateAnswer {
  if (BigInt(result.height) !== height)
    throw VerificationError.failed(
      method,
      `asked for the state at height ${height}, it answered for height ${result.height}`,
    );
  return {
    blockHash: fromHex(result.blockHash),
    value: result.value === null ? null : fromHex(result.value),
    proof: fromHex(result.proof),
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

export function txStatus(result: RpcResult<'tx.status'>): TxStatusAnswer {
  if (result.status !== 'final') return { status: result.status };
  return {
    status: result.status,
    height: BigInt(result.height),
    blockHash: fromHex(result.blockHash),
    index: result.index,
    count: result.count,
    proof: result.proof.map(fromHex),
  };
}
