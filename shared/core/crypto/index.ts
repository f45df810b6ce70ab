// The public face of the crypto module; import from here rather than from the files behind it.
export type { Checked } from './checked.ts';
export type { Sha256 } from './hash.ts';
export {
  sha256,
  pureSha256,
  installSha256,
  resetSha256,
  SigningDomain,
  SIGNING_DOMAINS,
  MAX_CHAIN_ID_LENGTH,
  isValidChainId,
  signingPreimage,
  signingDigest,
} from './hash.ts';
export {
  PUBLIC_KEY_LENGTH,
  SIGNATURE_LENGTH,
  strictPrecheck,
  isStrictPoint,
  isReducedScalar,
} from './ed25519-strict.ts';
export type { SignatureVerifier, Ed25519Signer } from './ed25519.ts';
export {
  SECRET_KEY_LENGTH,
  nobleVerifier,
  nobleSigner,
  installEd25519Signer,
  resetEd25519Signer,
  sign,
  publicKeyFromSecret,
  generateSecretKey,
  signDomain,
  verifyDomain,
} from './ed25519.ts';
export {
  MNEMONIC_WORD_COUNT,
  MNEMONIC_ENTROPY_BYTES,
  generateMnemonic,
  validateMnemonic,
  mnemonicToSeed,
} from './mnemonic.ts';
export type { ExtendedKey, AccountKey } from './slip10.ts';
export {
  HARDENED_OFFSET,
  CONSORTIA_COIN_TYPE,
  masterKeyFromSeed,
  deriveHardenedChild,
  parsePath,
  derivePath,
  accountPath,
  deriveAccountKey,
} from './slip10.ts';
export {
  ADDRESS_LENGTH,
  addressBytes,
  encodeAddress,
  addressFromPublicKey,
  parseAddress,
  isAddress,
} from './address.ts';
