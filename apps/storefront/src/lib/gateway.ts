import { createGatewayClient, type GatewayClient } from '@shop/api-client';
import { gatewayForRequest, sessionRenewer } from '@shop/web-session';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { CATALOG_REVALIDATE_SECONDS, gatewayUrl } from './config';
import { ACCESS_COOKIE, EMAIL_COOKIE, REFRESH_COOKIE, forgetShopper, shopperCookies } from './session-cookies';

/**
 * Catalog reads carry no identity and no per-shopper header: Next.js keys its data cache on the
 * whole request, so these are shared by every shopper and revalidated every 60 s.
 */
export function catalogApi(): GatewayClient {
  return createGatewayClient({ baseUrl: gatewayUrl(), catalogCache: { revalidate: CATALOG_REVALIDATE_SECONDS, tags: ['catalog'] } });
}

export interface ShopperSession {
  /** Signed in: an access token, or a refresh token the proxy could not use yet (gateway down). */
  signedIn: boolean;
  accessToken: string | null;
  email: string | null;
}

export const shopperSession = cache(async (): Promise<ShopperSession> => {
  const jar = await cookies();
  const accessToken = jar.get(ACCESS_COOKIE)?.value ?? null;
  const signedIn = accessToken !== null || jar.has(REFRESH_COOKIE);
  return { signedIn, accessToken, email: signedIn ? (jar.get(EMAIL_COOKIE)?.value ?? null) : null };
});

/**
 * After a password change or reset elsewhere, or an admin disabling the account, the gateway
 * refuses the access token at once though its cookie lives on: the session is renewed, or it has
 * ended and is forgotten here as signing out forgets it (see @shop/web-session's session-recovery).
 */
const renewShopperSession = sessionRenewer({ cookies: shopperCookies, gatewayUrl, forget: forgetShopper });

/**
 * A client acting for this request's shopper: their access token, their address for rate limits.
 * A refused access token renews the session in a route handler, or ends it there (a change then
 * answers 401 "You've been signed out"); a read is asked again as the public, so what anyone may
 * see (a stock line, a search) still shows.
 */
export const shopperApi = cache(async (): Promise<GatewayClient> => {
  const { accessToken } = await shopperSession();
  return gatewayForRequest(accessToken, { renew: renewShopperSession });
});
