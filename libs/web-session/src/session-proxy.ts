import { FailureCode } from '@shop/contracts/failure';
import { createGatewayClient } from '@shop/api-client';
import type { AuthSession } from '@shop/contracts';
import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce } from './content-security-policy';
import { vouchFor } from './forwarded-client';
import { crossSiteRefusal } from './request-guard';
import type { SessionCookies } from './session-cookies';
import { refreshEndsSession } from './session-recovery';
import { sharedRefreshCache } from './session-refresh';

export interface SessionProxyOptions {
  cookies: SessionCookies;
  gatewayUrl: () => string;
  /** The origins the app is served from behind a proxy that rewrites `Host` (config's allowedOrigins). */
  allowedOrigins: () => string[];
  /** Paths that take file uploads (multipart/form-data, same-origin only) besides JSON. */
  acceptsUploads?: (path: string) => boolean;
  /**
   * Runs once the session is settled (refreshed if it had to be), before the page or handler:
   * answers a response to send instead (e.g. the admin console refusing a non-admin), or null.
   */
  authorize?: (request: NextRequest, accessToken: string | null) => Promise<NextResponse | null>;
}

type SessionChange = { kind: 'none' } | { kind: 'refreshed'; session: AuthSession } | { kind: 'signed_out' };

/**
 * The Next.js proxy (middleware) both apps run before every page and route handler:
 * 1. refuses a state-changing request that is not same-origin JSON (login CSRF and its cousins);
 * 2. keeps the user signed in: when the short-lived access token's cookie has gone but the
 *    refresh token is there, swaps it for a new session before the page renders, so server
 *    components see a valid token; a refused refresh token signs the user out;
 * 3. lets the app authorize the request (options.authorize);
 * 4. gives the response its Content-Security-Policy with a fresh nonce (Next.js reads the
 *    policy from the request to put the nonce on its scripts).
 */
export function createSessionProxy(options: SessionProxyOptions): (request: NextRequest) => Promise<NextResponse> {
  const { cookies } = options;
  const refreshSession = sharedRefreshCache({
    refresh: (refreshToken, client) => createGatewayClient({ baseUrl: options.gatewayUrl(), headers: vouchFor(client.address) }).refresh(refreshToken),
  });

  async function keepSignedIn(request: NextRequest): Promise<SessionChange> {
    const refreshToken = request.cookies.get(cookies.refresh)?.value;
    if (request.cookies.has(cookies.access) || !refreshToken) return { kind: 'none' };
    try {
      const session = await refreshSession(refreshToken, {
        address: request.headers.get('x-forwarded-for'),
        userAgent: request.headers.get('user-agent'),
      });
      request.cookies.set(cookies.access, session.accessToken);
      request.cookies.set(cookies.refresh, session.refreshToken);
      return { kind: 'refreshed', session };
    } catch (err) {
      if (refreshEndsSession(err)) {
        request.cookies.delete(cookies.refresh);
        return { kind: 'signed_out' };
      }
      // The gateway is down: render as is; the page shows what it can.
      return { kind: 'none' };
    }
  }

  return async function proxy(request: NextRequest): Promise<NextResponse> {
    const refusal = crossSiteRefusal(
      {
        method: request.method,
        host: request.headers.get('host'),
        contentType: request.headers.get('content-type'),
        origin: request.headers.get('origin'),
        secFetchSite: request.headers.get('sec-fetch-site'),
        acceptsUploads: options.acceptsUploads?.(request.nextUrl.pathname) ?? false,
      },
      options.allowedOrigins(),
    );
    if (refusal) return NextResponse.json({ error: { code: FailureCode.FORBIDDEN, message: `Refused: ${refusal}` } }, { status: 403 });

    const change = await keepSignedIn(request);
    const policy = contentSecurityPolicy(newNonce(), { development: process.env.NODE_ENV === 'development' });
    const answer = options.authorize ? await options.authorize(request, request.cookies.get(cookies.access)?.value ?? null) : null;
    let response: NextResponse;
    if (answer) {
      response = answer;
    } else {
      const headers = new Headers(request.headers);
      headers.set('content-security-policy', policy);
      response = NextResponse.next({ request: { headers } });
    }
    response.headers.set('content-security-policy', policy);
    if (change.kind === 'refreshed') cookies.write(response.cookies, change.session);
    if (change.kind === 'signed_out') cookies.clear(response.cookies);
    return response;
  };
}
