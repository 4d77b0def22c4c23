import { allowedOrigins as originsOf, cookiesSecure as secureFor } from '@shop/web-session';

/** Server-side settings, read at request time (never inlined into the client bundle). GATEWAY_URL: the gateway. */
export { gatewayUrl } from '@shop/web-session';

/** Session cookies `Secure`: on under production (`node server.mjs`); ADMIN_COOKIE_SECURE=true/false says otherwise. */
export function cookiesSecure(): boolean {
  return secureFor('ADMIN');
}

/** The origins the console is served from behind a proxy that rewrites `Host` (ADMIN_ORIGINS, comma-separated). */
export function allowedOrigins(): string[] {
  return originsOf('ADMIN');
}
