import { gatewayForRequest } from '@shop/web-session';
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { adminCookies } from '../../../../lib/session-cookies';

/** Revokes the refresh token and forgets the session. Same-origin JSON only (proxy.ts). */
export async function POST() {
  const jar = await cookies();
  const refreshToken = jar.get(adminCookies.refresh)?.value;
  if (refreshToken) {
    // Signing out locally must work even when the gateway does not answer.
    await (await gatewayForRequest(null)).logout(refreshToken).catch(() => undefined);
  }
  adminCookies.clear(jar);
  return new NextResponse(null, { status: 204 });
}
