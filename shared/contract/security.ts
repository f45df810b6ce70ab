/**
 * The Content-Security-Policy of the renderer, in Electron and in the web host alike.
 * No inline script, no eval, no remote origin: the page may talk only to its own origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob: mediastream:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Links the app may open in the system browser. Everything else is refused. */
export const EXTERNAL_URL_ALLOWLIST: readonly string[] = ['https://github.com/', 'https://consortia.example/docs/'];

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  return EXTERNAL_URL_ALLOWLIST.some((prefix) => url.href.startsWith(prefix));
}
