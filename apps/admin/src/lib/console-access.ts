import type { Role } from '@shop/contracts';

/**
 * Who may see what of the console, decided for every request by the proxy (src/proxy.ts) and
 * again by every page and route handler (admin-session.ts): only a signed-in admin gets console
 * pages or data. Pure: the caller comes from the gateway (`GET /api/me`), never from a cookie's
 * content.
 */
export type Caller =
  | { kind: 'signed_out' }
  | { kind: 'user'; role: Role; email: string }
  /** The gateway did not answer: nobody can be told apart. */
  | { kind: 'unknown' };

export type Access = 'allow' | 'sign_in' | 'forbidden' | 'unavailable';

/** Reachable without an admin session: signing in and out, health probes. */
const PUBLIC_PATHS = new Set(['/login', '/api/auth/login', '/api/auth/logout', '/health/live', '/health/ready']);

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.has(pathname);
}

/** Route handlers answer JSON; pages answer HTML (a redirect to the login page, a refusal page). */
export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

export function accessOf(caller: Caller): Access {
  if (caller.kind === 'signed_out') return 'sign_in';
  if (caller.kind === 'unknown') return 'unavailable';
  return caller.role === 'admin' ? 'allow' : 'forbidden';
}

/** Told to a signed-in customer (or any non-admin) at the door, in the login form and on a refused page. */
export const NOT_AN_ADMIN = 'This account is not an admin account. The console is for the shop’s staff; sign in with an admin account.';
