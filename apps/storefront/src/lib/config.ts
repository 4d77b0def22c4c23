import { allowedOrigins as originsOf, cookiesSecure as secureFor } from '@shop/web-session';

/** Server-side settings, read at request time (never inlined into the client bundle). */
export { gatewayUrl } from '@shop/web-session';

/**
 * Mark the session and cart cookies `Secure`: on by default in production (NODE_ENV=production,
 * which `node server.mjs` always sets); STOREFRONT_COOKIE_SECURE=true/false says otherwise.
 */
export function cookiesSecure(): boolean {
  return secureFor('STOREFRONT');
}

/**
 * The origins the shop is served from (STOREFRONT_ORIGINS, comma-separated), for when a proxy in
 * front rewrites `Host`; empty: a change must come from the host it was sent to.
 */
export function allowedOrigins(): string[] {
  return originsOf('STOREFRONT');
}

/** Seconds a catalog answer (products, categories) may be served from Next.js's data cache. */
export const CATALOG_REVALIDATE_SECONDS = 60;
