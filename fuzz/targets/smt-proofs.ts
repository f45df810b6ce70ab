/** Sparse-Merkle proofs as a light client receives them from an untrusted RPC node (shared/core/merkle). */
import { decodeProof, encodeProof } from '../../shared/core/merkle/proof.ts';
import { checkRefusal, equalBytes, hex, PropertyViolation } from './properties.ts';

export function fuzz(data: Uint8Array): void {
  const decoded = decodeProof(data);
  if (!decoded.ok) return checkRefusal('smt proof', decoded.reason, undefined, data.length);
  const reencoded = encodeProof(decoded.proof);
  if (!equalBytes(reencoded, data))
    throw new PropertyViolation(`smt proof ${hex(data)} re-encodes to ${hex(reencoded)}`);
}
