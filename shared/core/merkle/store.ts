// Content-addressed node storage for the sparse Merkle tree (see smt.ts for the node format).
import { bytesKey } from '../encoding/index.ts';

/** Read side only: the tree never writes, it returns writes as a batch the caller persists. */
export interface NodeStore {
  get(hash: Uint8Array): Uint8Array | undefined;
}

/** One node to persist: `hash` is sha256(`bytes`), so storing it twice is harmless (INSERT OR IGNORE). */
export interface NodeWrite {
  readonly hash: Uint8Array;
  readonly bytes: Uint8Array;
}

export type NodeBatch = readonly NodeWrite[];

/** One char per byte: half the length of hex and cheaper to build, which matters at 10^5 nodes. */
const mapKey = bytesKey;

/** In-memory store for tests, benches and light clients that cache proofs. */
export class MemoryNodeStore implements NodeStore {
  private readonly nodes = new Map<string, Uint8Array>();

  get(hash: Uint8Array): Uint8Array | undefined {
    return this.nodes.get(mapKey(hash));
  }

  put(batch: NodeBatch): void {
    for (const { hash, bytes } of batch) this.nodes.set(mapKey(hash), bytes);
  }

  get size(): number {
    return this.nodes.size;
  }
}
