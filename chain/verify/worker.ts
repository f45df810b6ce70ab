/*
 * The verification worker: answers batches of (signature, message, public key) with Node's OpenSSL Ed25519,
 * through the very module the main thread uses (shared/node/ed25519-openssl.ts), so the strict pre-check and
 * the cofactorless equation are the same code on both sides. Wire format in ./batch.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createOpensslVerifier } from '../../shared/node/ed25519-openssl.ts';
import { unpackBatch, type BatchRequest, type BatchResponse } from './batch.ts';

const port = parentPort;
if (!port) throw new Error('chain/verify/worker.ts runs only as a worker thread');

const keyCacheSize = (workerData as { keyCacheSize?: number } | null)?.keyCacheSize ?? 8192;
const verifier = createOpensslVerifier(keyCacheSize);

port.on('message', (request: BatchRequest) => {
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
