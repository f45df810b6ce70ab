// Run as a child process by pool.test.ts: uses a verification pool, then either closes it or leaves it idle.
// The process must exit by itself in both cases (workers are unref'd when idle and terminated on close).
import { publicKeyFromSecret, sign } from '../../../shared/core/crypto/index.ts';
import { VerifyPool } from '../../../chain/verify/index.ts';

const secretKey = new Uint8Array(32).fill(9);
const message = new Uint8Array(32).fill(1);
const pool = new VerifyPool({ size: 1 });
const [ok] = await pool.verifyBatch(
  Array.from({ length: 64 }, () => ({
    signature: sign(secretKey, message),
    message,
    publicKey: publicKeyFromSecret(secretKey),
  })),
);
if (process.argv[2] === 'close') await pool.close();
process.stdout.write(`ok ${ok && pool.stats.inline === 0}\n`);
