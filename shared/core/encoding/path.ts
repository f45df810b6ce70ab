/**
 * Field paths in error messages ("tx.payload(transfer).memo", "signatures[3]"), so a rejected
 * value names the field at fault rather than only a byte offset.
 */
export function formatPath(segments: readonly string[]): string {
  let out = '';
  for (const s of segments) {
    // Index and variant segments attach to the previous one; field names are dot-separated.
    if (out === '' || s.startsWith('[') || s.startsWith('(')) out += s;
    else out += `.${s}`;
  }
  return out;
}

export function withPath(segments: readonly string[], message: string): string {
  return segments.length === 0 ? message : `${formatPath(segments)}: ${message}`;
}
