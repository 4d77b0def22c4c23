import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { shopperApi } from '../../../../lib/gateway';
import { CART_COOKIE, REFRESH_COOKIE, clearSession } from '../../../../lib/session-cookies';

/** Revokes the refresh token and forgets the session and the (customer's) cart id. Same-origin JSON only (proxy.ts). */
export async function POST() {
  const jar = await cookies();
  const refreshToken = jar.get(REFRESH_COOKIE)?.value;
  if (refreshToken) {
    // Signing out locally must work even when the gateway does not answer.
    await (await shopperApi()).logout(refreshToken).catch(() => undefined);
  }
  clearSession(jar);
  jar.delete(CART_COOKIE);
  return new NextResponse(null, { status: 204 });
}
