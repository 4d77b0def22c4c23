import type { AuthSession } from '@shop/contracts';
import { cookiesSecure } from './config';

export const ACCESS_COOKIE = 'sf_at';
export const REFRESH_COOKIE = 'sf_rt';
export const CART_COOKIE = 'sf_cart';
/** The signed-in shopper's email, for the header; only a label, never trusted for anything. */
export const EMAIL_COOKIE = 'sf_email';

/** The gateway's refresh tokens live 30 days; the cookie goes at the same time. */
const REFRESH_MAX_AGE = 30 * 24 * 3600;
/** A cart expires after 7 days without a change (the cart service's default). */
const CART_MAX_AGE = 7 * 24 * 3600;
/** Drop the access token a little before the gateway would refuse it, so the proxy refreshes first. */
const ACCESS_EARLY_SECONDS = 30;

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

export function cookieOptions(maxAge: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: cookiesSecure(), path: '/', maxAge };
}

export function accessMaxAge(expiresIn: number): number {
  return Math.max(1, expiresIn - ACCESS_EARLY_SECONDS);
}

export function writeSession(cookies: CookieWriter, session: AuthSession): void {
  cookies.set(ACCESS_COOKIE, session.accessToken, cookieOptions(accessMaxAge(session.expiresIn)));
  cookies.set(REFRESH_COOKIE, session.refreshToken, cookieOptions(REFRESH_MAX_AGE));
  cookies.set(EMAIL_COOKIE, session.user.email, cookieOptions(REFRESH_MAX_AGE));
}

export function clearSession(cookies: CookieWriter): void {
  cookies.delete(ACCESS_COOKIE);
  cookies.delete(REFRESH_COOKIE);
  cookies.delete(EMAIL_COOKIE);
}

export function writeCartId(cookies: CookieWriter, cartId: string): void {
  cookies.set(CART_COOKIE, cartId, cookieOptions(CART_MAX_AGE));
}
