/** Server-side settings, read at request time (never inlined into the client bundle). */
export function gatewayUrl(): string {
  return process.env.GATEWAY_URL || 'http://127.0.0.1:8080';
}

/** Mark the session and cart cookies `Secure` (behind HTTPS). */
export function cookiesSecure(): boolean {
  return process.env.STOREFRONT_COOKIE_SECURE === 'true';
}

/** Seconds a catalog answer (products, categories) may be served from Next.js's data cache. */
export const CATALOG_REVALIDATE_SECONDS = 60;
