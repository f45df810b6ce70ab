/** Token limits. Consensus rules: changing one changes which bytes are valid. */

/** A transfer's memo, in UTF-8 bytes (not characters: one accented letter can take two). */
export const MAX_MEMO_BYTES = 64;
