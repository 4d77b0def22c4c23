/**
 * The Content-Security-Policy of the Next.js apps (storefront, admin), per response: scripts only from this origin and
 * those carrying this response's nonce (Next.js puts it on its own scripts when the request
 * carries the policy, see session-proxy.ts), no plugins, no framing by anyone (clickjacking), forms and
 * fetches only to this origin. Styles allow inline (`style=""` attributes rendered on the
 * server); a style injection cannot run code.
 */
export function contentSecurityPolicy(nonce: string, options: { development?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    // React's development build uses eval for error overlays; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join('; ');
}

/** A fresh, unguessable nonce for one response. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}
