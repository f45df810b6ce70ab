/**
 * Free text from a transaction or a node (memos, names, endpoints) shown to a person. Control,
 * format (bidi overrides, zero-width) and line-separator characters could hide or reorder what is
 * displayed, so each becomes a visible \u{…} escape, and a backslash is doubled so an escape cannot
 * be faked. Inside quotes the quote is escaped too, so a memo cannot end its own quotes early.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]/u;

function escapeWith(text: string, quote: string | undefined): string {
  let out = '';
  for (const ch of text) {
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (HIDDEN.test(ch)) out += `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase()}}`;
    else out += ch;
  }
  return out;
}

/** Text with every invisible or reordering character made visible. */
export const escapeText = (text: string): string => escapeWith(text, undefined);

/** Quoted for a summary line: 'text', escaped. */
export const quoted = (text: string): string => `'${escapeWith(text, "'")}'`;
