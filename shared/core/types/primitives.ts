/** The fixed-size byte strings and restricted texts of the data model, named by what they hold. */
import { fixedBytes } from '../encoding/index.ts';

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
