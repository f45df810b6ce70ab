/**
 * The lies the proxy tells, each a rewrite of one RPC result. Every one produces bytes that decode
 * (a lie a careless client would believe), so what catches it is verification, not parsing.
 */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import {
  accountCodec,
  commitCertificateCodec,
  headerHash,
  signedHeaderCodec,
  type BlockHeader,
  type CommitCertificate,
} from '../../../shared/core/types/index.ts';
import type { Rewrite } from './tamper-proxy.ts';

const flipByte = (bytes: Uint8Array, at = 0): Uint8Array => {
  const copy = Uint8Array.from(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
};

/** state.account: the account's balance raised, re-encoded canonically; the proof is left alone. */
export const inflateBalance =
  (by: bigint): Rewrite =>
  (result) => {
    if (result.value === null) return result;
    const account = accountCodec.decodeOrThrow(hexToBytes(result.value));
    const forged = { ...account, balance: account.balance + by };
    return {
      ...result,
      value: bytesToHex(accountCodec.encode(forged)),
      decoded: { ...result.decoded, balance: forged.balance.toString() },
    };
  };

function withHeader(result: any, change: (header: BlockHeader) => BlockHeader): any {
  if (result.header === null) return result;
  const signed = signedHeaderCodec.decodeOrThrow(hexToBytes(result.header));
  const header = change(signed.header);
  return {
    ...result,
    header: bytesToHex(signedHeaderCodec.encode({ ...signed, header })),
    hash: bytesToHex(headerHash(header)),
  };
}

function withCertificate(result: any, change: (certificate: CommitCertificate) => CommitCertificate): any {
  if (result.certificate === null) return result;
  const certificate = change(commitCertificateCodec.decodeOrThrow(hexToBytes(result.certificate)));
  return { ...result, certificate: bytesToHex(commitCertificateCodec.encode(certificate)) };
}

/** chain.header: another state root in an otherwise real header. */
export const alterStateRoot: Rewrite = (result) =>
  withHeader(result, (h) => ({ ...h, stateRoot: flipByte(h.stateRoot) }));

/** chain.header: a different but validly encoded block at the same height (a fork nobody certified). */
export const forkHeader: Rewrite = (result) => withHeader(result, (h) => ({ ...h, timestamp: h.timestamp + 1n }));

/** A certificate one signature short of the quorum (the devnet's carry exactly the quorum, 3 of 4). */
const dropSignature = (c: CommitCertificate): CommitCertificate => ({
  ...c,
  signatures: c.signatures.slice(0, c.signatures.length - 1),
});
/** A certificate with one byte of one signature changed. */
const forgeSignature = (c: CommitCertificate): CommitCertificate => ({
  ...c,
  signatures: c.signatures.map((s, i) => (i === 0 ? { ...s, signature: flipByte(s.signature, 40) } : s)),
});

/** For chain.header and for every entry of chain.handOffs. */
const onCertificates =
  (change: (c: CommitCertificate) => CommitCertificate): Rewrite =>
  (result) =>
    Array.isArray(result) ? result.map((entry) => withCertificate(entry, change)) : withCertificate(result, change);

export const droppedSignature = onCertificates(dropSignature);
export const forgedSignature = onCertificates(forgeSignature);

/** chain.handOffs: the second entry left out, so the list skips a round. */
export const skipHandOff: Rewrite = (result) => (result.length >= 2 ? [result[0], ...result.slice(2)] : result);

/** tx.status: the inclusion proof altered (a sibling changed, or a step added to an empty path). */
export const alterInclusionProof: Rewrite = (result) => {
  if (result.status !== 'final') return result;
  const proof: string[] = result.proof;
  const altered =
    proof.length > 0 ? [bytesToHex(flipByte(hexToBytes(proof[0]!))), ...proof.slice(1)] : ['00'.repeat(32)];
  return { ...result, proof: altered };
};
