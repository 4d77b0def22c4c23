import { createGatewayClient, type GatewayClient } from '@shop/api-client';
import { gatewayForRequest } from '@shop/web-session';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { CATALOG_REVALIDATE_SECONDS, gatewayUrl } from './config';
import { ACCESS_COOKIE, EMAIL_COOKIE, REFRESH_COOKIE } from './session-cookies';

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

/** A client acting for this request's shopper: their access token, their address for rate limits. */
export const shopperApi = cache(async (): Promise<GatewayClient> => {
  const { accessToken } = await shopperSession();
  return gatewayForRequest(accessToken);
});
