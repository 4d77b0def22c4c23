import { isApiError } from '@shop/api-client';
import { NextResponse, type NextRequest } from 'next/server';
import { refreshSession } from './lib/session-refresh';
import { ACCESS_COOKIE, REFRESH_COOKIE, clearSession, writeSession } from './lib/session-cookies';

/**
 * Keeps the shopper signed in: when the short-lived access token's cookie has gone but the
 * refresh token is there, swap it for a new session before the page renders, so server
 * components see a valid token. A refused refresh token signs the shopper out.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const refreshToken = request.cookies.get(REFRESH_COOKIE)?.value;
  if (request.cookies.has(ACCESS_COOKIE) || !refreshToken) return NextResponse.next();

  try {
    const session = await refreshSession(refreshToken, request.headers.get('x-forwarded-for'));
    request.cookies.set(ACCESS_COOKIE, session.accessToken);
    request.cookies.set(REFRESH_COOKIE, session.refreshToken);
    const response = NextResponse.next({ request: { headers: request.headers } });
    writeSession(response.cookies, session);
    return response;
  } catch (err) {
    if (isApiError(err) && (err.status === 401 || err.status === 400)) {
      request.cookies.delete(REFRESH_COOKIE);
      const response = NextResponse.next({ request: { headers: request.headers } });
      clearSession(response.cookies);
      return response;
    }
    // The gateway is down: render as is; the page shows what it can.
    return NextResponse.next();
  }
}

export const config = {
  matcher: ['/((?!_next/|media/|health/|favicon.ico).*)'],
};
