import { createSessionProxy } from '@shop/web-session';
import { allowedOrigins, gatewayUrl } from './lib/config';
import { shopperCookies } from './lib/session-cookies';

/**
 * Runs before every page and route handler (see @shop/web-session's createSessionProxy): refuses
 * cross-site changes, keeps the shopper signed in, sets the Content-Security-Policy.
 */
export const proxy = createSessionProxy({ cookies: shopperCookies, gatewayUrl, allowedOrigins });

export const config = {
  matcher: ['/((?!_next/|media/|health/|favicon.ico).*)'],
};
