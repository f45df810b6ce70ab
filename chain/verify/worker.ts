/*
 * The verification worker: answers batches of (signature, message, public key) with Node's OpenSSL Ed25519,
 * through the very module the main thread uses (shared/node/ed25519-openssl.ts), so the strict pre-check and
 * the cofactorless equation are the same code on both sides. Wire format in ./batch.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createOpensslVerifier } from '../../shared/node/ed25519-openssl.ts';
import {
  unpackBatch,
  verifyUnclaimed,
  type BatchRequest,
  type BatchResponse,
  type SharedBatchRequest,
} from './batch.ts';

const port = parentPort;
if (!port) throw new Error('chain/verify/worker.ts runs only as a worker thread');

const keyCacheSize = (workerData as { keyCacheSize?: number } | null)?.keyCacheSize ?? 8192;
const verifier = createOpensslVerifier(keyCacheSize);

port.on('message', (request: BatchRequest | SharedBatchRequest) => {
  if ('states' in request) {
    // Shared with the calling thread, which takes items from the back: take them from the front until we meet.
    const items = unpackBatch(request.buffer);
    const check = (item: (typeof items)[number]) => verifier.verify(item.signature, item.message, item.publicKey);
    const { verified } = verifyUnclaimed(items, new Uint8Array(request.states), 0, 1, items.length, check);
    const response: BatchResponse = { id: request.id, results: new Uint8Array(0), verified };
    port.postMessage(response);
    return;
  }
  const items = unpackBatch(request.buffer);
  const results = new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const { signature, message, publicKey } = items[i]!;
    results[i] = verifier.verify(signature, message, publicKey) ? 1 : 0;
  }
  const response: BatchResponse = { id: request.id, results };
  port.postMessage(response, [results.buffer]);
});
port.postMessage({ ready: true });
