import type { AuthSession } from '@shop/contracts';
import { sessionCookies, type CookieWriter } from '@shop/web-session';
import { cookiesSecure } from './config';
import { MERGE_NOTICE_COOKIE } from './merge-notices';

/** The shopper's session cookies: sf_at, sf_rt, sf_email (see @shop/web-session). */
export const shopperCookies = sessionCookies('sf', cookiesSecure);

export const ACCESS_COOKIE = shopperCookies.access;
export const REFRESH_COOKIE = shopperCookies.refresh;
/** The signed-in shopper's email, for the header; only a label, never trusted for anything. */
export const EMAIL_COOKIE = shopperCookies.email;
export const CART_COOKIE = 'sf_cart';
/**
 * A guest's last placed order, `SO-000123:<email>`: what Order lookup asks for, kept (HttpOnly) by
 * the browser that placed it so its confirmation page can follow the order without a form.
 */
export const PLACED_ORDER_COOKIE = 'sf_order';

/**
 * What merging the guest cart on sign-in cut down or left out (merge-notices.ts), for the next cart
 * or checkout page to say. Not HttpOnly: the page's script clears it once it has been shown.
 */
export { MERGE_NOTICE_COOKIE };
/** Long enough to reach the cart or checkout after signing in; a notice is news only then. */
const MERGE_NOTICE_MAX_AGE = 10 * 60;

/** A cart expires after 7 days without a change (the cart service's default). */
const CART_MAX_AGE = 7 * 24 * 3600;
/** Long enough to come back to the confirmation the same day; after that, Order lookup. */
const PLACED_ORDER_MAX_AGE = 24 * 3600;
/** Only the confirmation page reads the placed order: the email goes with no other request. */
const PLACED_ORDER_PATH = '/checkout/confirmation';

export function writeSession(cookies: CookieWriter, session: AuthSession): void {
  shopperCookies.write(cookies, session);
}

export function clearSession(cookies: CookieWriter): void {
  shopperCookies.clear(cookies);
}

/**
 * Forgets the shopper as signing out does: the session's cookies and the customer's cart id (a
 * signed-in customer's cart is theirs, not this browser's).
 */
export function forgetShopper(cookies: CookieWriter): void {
  clearSession(cookies);
  cookies.delete(CART_COOKIE);
}

export function writeCartId(cookies: CookieWriter, cartId: string): void {
  cookies.set(CART_COOKIE, cartId, shopperCookies.options(CART_MAX_AGE));
}

export function writeMergeNotices(cookies: CookieWriter, value: string): void {
  cookies.set(MERGE_NOTICE_COOKIE, value, { ...shopperCookies.options(MERGE_NOTICE_MAX_AGE), httpOnly: false });
}

export function writePlacedOrder(cookies: CookieWriter, number: string, email: string): void {
  cookies.set(PLACED_ORDER_COOKIE, `${number}:${email.trim()}`, { ...shopperCookies.options(PLACED_ORDER_MAX_AGE), path: PLACED_ORDER_PATH });
}

/** The email this browser placed order `number` with; null for any other number (or none placed here). */
export function placedOrderEmail(cookie: string | undefined, number: string): string | null {
  if (!cookie?.startsWith(`${number}:`)) return null;
  return cookie.slice(number.length + 1) || null;
}
