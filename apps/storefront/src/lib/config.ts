/** Server-side settings, read at request time (never inlined into the client bundle). */
export function gatewayUrl(): string {
  return process.env.GATEWAY_URL || 'http://127.0.0.1:8080';
}

/**
 * Mark the session and cart cookies `Secure`: on by default in production (NODE_ENV=production,
 * which `node server.mjs` always sets); STOREFRONT_COOKIE_SECURE=true/false says otherwise.
 */
export function cookiesSecure(env: Record<string, string | undefined> = process.env): boolean {
  const explicit = env.STOREFRONT_COOKIE_SECURE;
  if (explicit === 'true' || explicit === '1') return true;
  if (explicit === 'false' || explicit === '0') return false;
  return env.NODE_ENV === 'production';
}

/**
 * The origins the shop is served from (STOREFRONT_ORIGINS, comma-separated), for when a proxy in
 * front rewrites `Host`; empty: a change must come from the host it was sent to.
 */
export function allowedOrigins(env: Record<string, string | undefined> = process.env): string[] {
  return (env.STOREFRONT_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}

/**
 * The credential with which the storefront vouches to the gateway for the shopper's address
 * (FORWARDED_CLIENT_SECRET, shared with the gateway). Unset: the shopper's address is not sent
 * and the gateway counts every shopper as the storefront.
 */
export function forwardedClientSecret(): string | null {
  const secret = process.env.FORWARDED_CLIENT_SECRET;
  return secret && secret.length >= 32 ? secret : null;
}

/** Seconds a catalog answer (products, categories) may be served from Next.js's data cache. */
export const CATALOG_REVALIDATE_SECONDS = 60;
