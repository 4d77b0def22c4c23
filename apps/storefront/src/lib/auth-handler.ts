import { isApiError, type GatewayClient } from '@shop/api-client';
import type { AuthSession } from '@shop/contracts';
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { errorResponse, jsonBody } from '@shop/web-session';
import { shopperApi } from './gateway';
import { encodeMergeNotices } from './merge-notices';
import { CART_COOKIE, REFRESH_COOKIE, forgetShopper, writeCartId, writeMergeNotices, writeSession } from './session-cookies';

/**
 * Login and register end the same way: keep the session in HttpOnly cookies, then move the guest
 * cart (if any) into the customer's cart, as the cart service expects right after a login.
 */
export async function signIn(
  request: Request,
  call: (api: GatewayClient, body: { email: string; password: string }, input: Record<string, unknown>) => Promise<AuthSession>,
  status: number,
) {
  const body = await jsonBody(request);
  const credentials = { email: typeof body.email === 'string' ? body.email : '', password: typeof body.password === 'string' ? body.password : '' };
  const api = (await shopperApi()).withAccessToken(null);
  let session: AuthSession;
  try {
    session = await call(api, credentials, body);
  } catch (err) {
    return errorResponse(err);
  }
  const jar = await cookies();
  writeSession(jar, session);
  const guestCartId = jar.get(CART_COOKIE)?.value;
  if (guestCartId) {
    try {
      const cart = await api.withAccessToken(session.accessToken).mergeCart(guestCartId);
      writeCartId(jar, cart.id);
      // Lines cut to the stock left (or left out): the next cart or checkout page says which.
      if (cart.mergeAdjustments?.length) writeMergeNotices(jar, encodeMergeNotices(cart.mergeAdjustments));
    } catch (err) {
      // A stale or foreign guest cart is just dropped; a cart service that is down keeps the cookie for later.
      if (isApiError(err) && err.status === 404) jar.delete(CART_COOKIE);
    }
  }
  return NextResponse.json({ user: session.user }, { status });
}

/**
 * Ends this browser's session: revokes its refresh token at the gateway (best effort: signing out
 * locally must work even when the gateway does not answer), then forgets the session and the
 * customer's cart id.
 */
export async function endSession(): Promise<void> {
  const jar = await cookies();
  const refreshToken = jar.get(REFRESH_COOKIE)?.value;
  // Anonymously: the access token may be the one the gateway refuses (a session ended elsewhere).
  if (refreshToken) await (await shopperApi()).withAccessToken(null).logout(refreshToken).catch(() => undefined);
  forgetShopper(jar);
}
