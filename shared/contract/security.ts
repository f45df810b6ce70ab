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

/**
 * The same policy for the `<meta http-equiv>` tag in renderer/index.html, a second layer should the page ever be
 * served without the header. Browsers ignore frame-ancestors in a meta tag (and warn), so only the header has it.
 */
export const CONTENT_SECURITY_POLICY_META = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors '))
  .join('; ');

/**
 * The exact pages the app may open in the system browser; everything else is refused. Exact URLs, not prefixes
 * or hosts: a prefix such as any GitHub repository would let a compromised page send the person to a lookalike
 * release with a trojaned build. A new link in the UI adds its URL here.
 */
export const EXTERNAL_URL_ALLOWLIST: readonly string[] = [
  'https://consortia.example/docs/',
  'https://consortia.example/docs/security',
];

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  // Compared after URL parsing, so case in the host and default ports do not matter, but any other path, query or fragment does.
  return EXTERNAL_URL_ALLOWLIST.includes(url.href);
}
