import type { AuthSession } from '@shop/contracts';
import { sessionCookies, type CookieWriter } from '@shop/web-session';
import { cookiesSecure } from './config';

/** The shopper's session cookies: sf_at, sf_rt, sf_email (see @shop/web-session). */
export const shopperCookies = sessionCookies('sf', cookiesSecure);

export const ACCESS_COOKIE = shopperCookies.access;
export const REFRESH_COOKIE = shopperCookies.refresh;
/** The signed-in shopper's email, for the header; only a label, never trusted for anything. */
export const EMAIL_COOKIE = shopperCookies.email;
export const CART_COOKIE = 'sf_cart';

/** A cart expires after 7 days without a change (the cart service's default). */
const CART_MAX_AGE = 7 * 24 * 3600;

export function writeSession(cookies: CookieWriter, session: AuthSession): void {
  shopperCookies.write(cookies, session);
}

export function clearSession(cookies: CookieWriter): void {
  shopperCookies.clear(cookies);
}

export function writeCartId(cookies: CookieWriter, cartId: string): void {
  cookies.set(CART_COOKIE, cartId, shopperCookies.options(CART_MAX_AGE));
}
