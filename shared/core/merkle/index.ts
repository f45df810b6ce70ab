// Merkle structures of the protocol: the sparse Merkle state tree and the transaction root.
export { EMPTY_HASH, innerHash, isEmptyHash, leafHash } from './hashing.ts';
export { MemoryNodeStore, type NodeBatch, type NodeStore, type NodeWrite } from './store.ts';
export { MissingNodeError, SparseMerkleTree, type SmtChange, type SmtUpdate } from './smt.ts';
export {
  checkProof,
  decodeProof,
  encodeProof,
  MAX_SMT_DEPTH,
  MAX_SMT_PROOF_BYTES,
  verifyProof,
  type DecodedProof,
  type SmtProof,
  type SmtTerminal,
} from './proof.ts';
export { txInclusionProof, txLeafHash, txRoot, verifyInclusion } from './txroot.ts';
