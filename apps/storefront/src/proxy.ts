import { FailureCode } from '@shop/contracts/failure';
import { createGatewayClient, isApiError } from '@shop/api-client';
import type { AuthSession } from '@shop/contracts';
import { NextResponse, type NextRequest } from 'next/server';
import { allowedOrigins, gatewayUrl } from './lib/config';
import { contentSecurityPolicy, newNonce } from './lib/content-security-policy';
import { vouchFor } from './lib/forwarded-client';
import { crossSiteRefusal } from './lib/request-guard';
import { ACCESS_COOKIE, REFRESH_COOKIE, clearSession, writeSession } from './lib/session-cookies';
import { createRefreshCache } from './lib/session-refresh';

const refreshSession = createRefreshCache({
  refresh: (refreshToken, client) => createGatewayClient({ baseUrl: gatewayUrl(), headers: vouchFor(client.address) }).refresh(refreshToken),
});

type SessionChange = { kind: 'none' } | { kind: 'refreshed'; session: AuthSession } | { kind: 'signed_out' };

/**
 * Runs before every page and route handler:
 * 1. refuses a state-changing request that is not same-origin JSON (login CSRF and its cousins);
 * 2. keeps the shopper signed in: when the short-lived access token's cookie has gone but the
 *    refresh token is there, swaps it for a new session before the page renders, so server
 *    components see a valid token; a refused refresh token signs the shopper out;
 * 3. gives the response its Content-Security-Policy with a fresh nonce (Next.js reads the
 *    policy from the request to put the nonce on its scripts).
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const refusal = crossSiteRefusal(
    {
      method: request.method,
      host: request.headers.get('host'),
      contentType: request.headers.get('content-type'),
      origin: request.headers.get('origin'),
      secFetchSite: request.headers.get('sec-fetch-site'),
    },
    allowedOrigins(),
  );
  if (refusal) return NextResponse.json({ error: { code: FailureCode.FORBIDDEN, message: `Refused: ${refusal}` } }, { status: 403 });

  const change = await keepSignedIn(request);
  const policy = contentSecurityPolicy(newNonce(), { development: process.env.NODE_ENV === 'development' });
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  if (change.kind === 'refreshed') writeSession(response.cookies, change.session);
  if (change.kind === 'signed_out') clearSession(response.cookies);
  return response;
}

async function keepSignedIn(request: NextRequest): Promise<SessionChange> {
  const refreshToken = request.cookies.get(REFRESH_COOKIE)?.value;
  if (request.cookies.has(ACCESS_COOKIE) || !refreshToken) return { kind: 'none' };
  try {
    const session = await refreshSession(refreshToken, {
      address: request.headers.get('x-forwarded-for'),
      userAgent: request.headers.get('user-agent'),
    });
    request.cookies.set(ACCESS_COOKIE, session.accessToken);
    request.cookies.set(REFRESH_COOKIE, session.refreshToken);
    return { kind: 'refreshed', session };
  } catch (err) {
    if (isApiError(err) && (err.status === 401 || err.status === 400)) {
      request.cookies.delete(REFRESH_COOKIE);
      return { kind: 'signed_out' };
    }
    // The gateway is down: render as is; the page shows what it can.
    return { kind: 'none' };
  }
}

export const config = {
  matcher: ['/((?!_next/|media/|health/|favicon.ico).*)'],
};
