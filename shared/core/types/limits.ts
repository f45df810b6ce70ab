/**
 * Chain-wide size limits baked into the encoding. They bound what a decoder will allocate for
 * hostile input and are consensus rules: changing one changes which bytes are valid, so it needs a
 * new version. Each module's own limits are in its folder (../modules/<name>/limits.ts).
 */
/** Upper bound on any validator set (and so on commit signatures). */
export const MAX_VALIDATORS = 256;
export const MAX_BLOCK_TRANSACTIONS = 10_000;
/** The block header layout defined here. */
export const HEADER_VERSION = 1;
