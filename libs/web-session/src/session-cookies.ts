import type { AuthSession } from '@shop/contracts';

/**
 * The signed-in user's tokens, kept in HttpOnly cookies the browser's scripts cannot read. Each
 * app names its own cookies (`sf_*` storefront, `adm_*` admin): cookies ignore ports, so two apps
 * on one host would otherwise overwrite each other's sessions.
 */
export interface CookieOptions {
  httpOnly: boolean;
  sameSite: 'lax';
  secure: boolean;
  path: string;
  maxAge: number;
}

/** Both Next's `cookies()` store and `NextResponse.cookies` have this shape. */
export interface CookieWriter {
  set(name: string, value: string, options: CookieOptions): unknown;
  delete(name: string): unknown;
}

/** The gateway's refresh tokens live 30 days; the cookie goes at the same time. */
export const REFRESH_MAX_AGE = 30 * 24 * 3600;
/** Drop the access token a little before the gateway would refuse it, so the proxy refreshes first. */
const ACCESS_EARLY_SECONDS = 30;

export function accessMaxAge(expiresIn: number): number {
  return Math.max(1, expiresIn - ACCESS_EARLY_SECONDS);
}

export interface SessionCookies {
  readonly access: string;
  readonly refresh: string;
  /** The signed-in user's email, for the header; only a label, never trusted for anything. */
  readonly email: string;
  options(maxAge: number): CookieOptions;
  write(cookies: CookieWriter, session: AuthSession): void;
  clear(cookies: CookieWriter): void;
}

/**
 * @param prefix cookie name prefix (`sf` → `sf_at`, `sf_rt`, `sf_email`)
 * @param secure whether to mark them `Secure` (asked on every write: config is read at request time)
 */
export function sessionCookies(prefix: string, secure: () => boolean): SessionCookies {
  const options = (maxAge: number): CookieOptions => ({ httpOnly: true, sameSite: 'lax', secure: secure(), path: '/', maxAge });
  const names = { access: `${prefix}_at`, refresh: `${prefix}_rt`, email: `${prefix}_email` };
  return {
    ...names,
    options,
    write(cookies, session) {
      cookies.set(names.access, session.accessToken, options(accessMaxAge(session.expiresIn)));
      cookies.set(names.refresh, session.refreshToken, options(REFRESH_MAX_AGE));
      cookies.set(names.email, session.user.email, options(REFRESH_MAX_AGE));
    },
    clear(cookies) {
      cookies.delete(names.access);
      cookies.delete(names.refresh);
      cookies.delete(names.email);
    },
  };
}
