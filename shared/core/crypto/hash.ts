import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

/** A SHA-256 implementation: 32 bytes out, as a plain Uint8Array the caller owns. */
export type Sha256 = (bytes: Uint8Array) => Uint8Array<ArrayBuffer>;

/** The pure-JS default: core stays free of Node, and the renderer and light clients use this one. */
export const pureSha256: Sha256 = nobleSha256;

let activeSha256: Sha256 = pureSha256;

/** SHA-256 of `bytes` (32 bytes out), by the installed implementation (see installSha256). */
export function sha256(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return activeSha256(bytes);
}

// Lengths around SHA-256's padding edges (55/56 fit one block or not, 64 fills one exactly) and a few blocks.
const SELF_TEST_LENGTHS = [0, 1, 31, 32, 33, 55, 56, 63, 64, 65, 119, 120, 128, 1000];

/**
 * Makes `implementation` the one sha256() uses (a Node entry point installs OpenSSL's, see shared/node/sha256.ts).
 * Every state root and signature depends on it, so it must answer exactly as the pure one does: it is checked
 * against it on inputs around every padding edge first, and refused (with an Error) if it ever differs or if it
 * returns anything but a plain 32-byte Uint8Array (a Buffer's slice() is a view, which callers do not expect).
 */
export function installSha256(implementation: Sha256): void {
  for (const length of SELF_TEST_LENGTHS) {
    const input = Uint8Array.from({ length }, (_, i) => (i * 131 + length) & 0xff);
    const got = implementation(input);
    if (!(got instanceof Uint8Array) || Object.getPrototypeOf(got) !== Uint8Array.prototype || got.length !== 32) {
      throw new Error(
        'The SHA-256 implementation to install must return a plain 32-byte Uint8Array; keeping the current one.',
      );
    }
    const want = pureSha256(input);
    if (got.some((byte, i) => byte !== want[i])) {
      throw new Error(
        `The SHA-256 implementation to install gives a different hash for ${length} input bytes; keeping the current one.`,
      );
    }
  }
  activeSha256 = implementation;
}

/** Goes back to the pure-JS implementation (tests that compare the two use this). */
export function resetSha256(): void {
  activeSha256 = pureSha256;
}

/** What a signature is for. Each kind gets its own tag, so a signature made for one can never count as another. */
export const SigningDomain = {
  TRANSACTION: 'TRANSACTION',
  BLOCK_HEADER: 'BLOCK_HEADER',
  PREVOTE: 'PREVOTE',
  PRECOMMIT: 'PRECOMMIT',
  HANDSHAKE: 'HANDSHAKE',
} as const;
export type SigningDomain = (typeof SigningDomain)[keyof typeof SigningDomain];

export const SIGNING_DOMAINS: readonly SigningDomain[] = Object.values(SigningDomain);

/*
 * Why (tag, chainId, bytes) → preimage is injective, so no two distinct triples share a digest
 * (short of a SHA-256 collision):
 *  - every tag is ASCII without NUL and ends in exactly one NUL, so the set of tags is prefix-free:
 *    the tag is everything up to and including the first NUL, and tells the domain;
 *  - the chain id follows as one length byte and then that many bytes, so its end is known;
 *  - everything after that is the canonical bytes.
 * Reading the preimage back therefore yields the triple, and different triples give different preimages.
 * The "/v1" lets a future format change its tags without ever colliding with these.
 */
const TAGS: Readonly<Record<SigningDomain, string>> = {
  TRANSACTION: 'consortia/v1/transaction\0',
  BLOCK_HEADER: 'consortia/v1/block-header\0',
  PREVOTE: 'consortia/v1/prevote\0',
  PRECOMMIT: 'consortia/v1/precommit\0',
  HANDSHAKE: 'consortia/v1/handshake\0',
};

const TAG_BYTES = Object.fromEntries(
  SIGNING_DOMAINS.map((domain) => [domain, new TextEncoder().encode(TAGS[domain])]),
) as Record<SigningDomain, Uint8Array>;

/** Chain ids are 1–64 printable ASCII characters: fits the one-byte length prefix, and no Unicode look-alikes. */
export const MAX_CHAIN_ID_LENGTH = 64;
const CHAIN_ID_PATTERN = /^[\x21-\x7e]+$/;

export function isValidChainId(chainId: string): boolean {
  return (
    typeof chainId === 'string' &&
    chainId.length >= 1 &&
    chainId.length <= MAX_CHAIN_ID_LENGTH &&
    CHAIN_ID_PATTERN.test(chainId)
  );
}

/** tag ‖ len(chainId) ‖ chainId ‖ bytes. Throws RangeError on an unknown domain or an invalid chain id. */
export function signingPreimage(domain: SigningDomain, chainId: string, bytes: Uint8Array): Uint8Array {
  if (!Object.hasOwn(TAG_BYTES, domain)) throw new RangeError(`Unknown signing domain: ${String(domain)}`);
  const tag = TAG_BYTES[domain];
  if (!isValidChainId(chainId)) {
    throw new RangeError(
      `Invalid chain id ${JSON.stringify(chainId)}: expected 1–${MAX_CHAIN_ID_LENGTH} printable ASCII characters`,
    );
  }
  const out = new Uint8Array(tag.length + 1 + chainId.length + bytes.length);
  out.set(tag, 0);
  out[tag.length] = chainId.length;
  // Printable ASCII, so each character is one byte.
  for (let i = 0; i < chainId.length; i++) out[tag.length + 1 + i] = chainId.charCodeAt(i);
  out.set(bytes, tag.length + 1 + chainId.length);
  return out;
}

/** The 32 bytes that are actually signed: sha256(tag ‖ chainId ‖ canonical bytes). */
export function signingDigest(domain: SigningDomain, chainId: string, bytes: Uint8Array): Uint8Array {
  return sha256(signingPreimage(domain, chainId, bytes));
}
