/**
 * Server-side settings of a Next.js app of the platform, read at request time (never inlined
 * into a client bundle). Each app names its own variables by prefix: STOREFRONT_*, ADMIN_*.
 */
type Env = Record<string, string | undefined>;

export function gatewayUrl(env: Env = process.env): string {
  return env.GATEWAY_URL || 'http://127.0.0.1:8080';
}

/**
 * Mark the session cookies `Secure`: on by default in production (NODE_ENV=production, which
 * each app's `node server.mjs` sets); `<PREFIX>_COOKIE_SECURE=true/false` says otherwise.
 */
export function cookiesSecure(prefix: string, env: Env = process.env): boolean {
  const explicit = env[`${prefix}_COOKIE_SECURE`];
  if (explicit === 'true' || explicit === '1') return true;
  if (explicit === 'false' || explicit === '0') return false;
  return env.NODE_ENV === 'production';
}

/**
 * The origins the app is served from (`<PREFIX>_ORIGINS`, comma-separated), for when a proxy in
 * front rewrites `Host`; empty: a change must come from the host it was sent to.
 */
export function allowedOrigins(prefix: string, env: Env = process.env): string[] {
  return (env[`${prefix}_ORIGINS`] ?? '')
    .split(',')
    .map((s) => s.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}

/**
 * The credential with which the app vouches to the gateway for its user's address
 * (FORWARDED_CLIENT_SECRET, shared with the gateway). Unset: the address is not sent and the
 * gateway counts every user as the app's server.
 */
export function forwardedClientSecret(env: Env = process.env): string | null {
  const secret = env.FORWARDED_CLIENT_SECRET;
  return secret && secret.length >= 32 ? secret : null;
}
