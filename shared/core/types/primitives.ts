/** The fixed-size byte strings and restricted texts of the data model, named by what they hold. */
import { fixedBytes, text } from '../encoding/index.ts';
import { MAX_CANDIDATE_NAME_BYTES, MAX_ENDPOINT_BYTES } from './limits.ts';

/** 20 bytes identifying an account (derived from its key hash; shown to people as bech32m). */
export type Address = Uint8Array;
/** A 32-byte Ed25519 public key (account key or consensus key). */
export type PublicKey = Uint8Array;
/** A 64-byte Ed25519 signature. */
export type Signature = Uint8Array;
/** A 32-byte SHA-256 digest. */
export type Hash = Uint8Array;

export const ADDRESS_BYTES = 20;
export const PUBLIC_KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;
export const HASH_BYTES = 32;

export const addressCodec = fixedBytes(ADDRESS_BYTES);
export const publicKeyCodec = fixedBytes(PUBLIC_KEY_BYTES);
export const signatureCodec = fixedBytes(SIGNATURE_BYTES);
export const hashCodec = fixedBytes(HASH_BYTES);

/** Candidate names appear in consoles and logs: a plain ASCII charset leaves no look-alikes. */
export const candidateNameCodec = text(MAX_CANDIDATE_NAME_BYTES, {
  pattern: /^[a-z0-9_.-]{1,32}$/,
  patternHint: 'use 1-32 characters from a-z 0-9 _ . -',
});

/** A node's P2P endpoint, e.g. "wss://node1.example.org:7070": visible ASCII, so it reads the same everywhere. */
export const endpointCodec = text(MAX_ENDPOINT_BYTES, {
  pattern: /^[\x21-\x7e]{1,128}$/,
  patternHint: 'use 1-128 visible ASCII characters (no spaces)',
});
