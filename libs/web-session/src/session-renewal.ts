import { createGatewayClient } from '@shop/api-client';
import { cookies, headers } from 'next/headers';
import { vouchFor } from './forwarded-client';
import type { CookieWriter, SessionCookies } from './session-cookies';
import { refreshEndsSession, type SessionRenewal } from './session-recovery';
import { sharedRefreshCache } from './session-refresh';

export interface SessionRenewerOptions {
  cookies: SessionCookies;
  gatewayUrl: () => string;
  /** Forgets the session as signing out does (the app's own cookies besides the session's, e.g. a cart id). */
  forget: (jar: CookieWriter) => void;
}

/**
 * Renews the session of this request after the gateway refused its access token: the refresh
 * token is swapped for a new session (shared with the proxy's refreshes: tokens are single-use),
 * whose cookies are written; a refused refresh ends the session here as signing out does.
 * Route handlers only: a page render cannot write cookies, and a refresh whose successor is not
 * kept would spend the token for nothing (the next one would be a replay), so there it decides nothing.
 */
export function sessionRenewer(options: SessionRenewerOptions): () => Promise<SessionRenewal> {
  const refreshSession = sharedRefreshCache({
    refresh: (refreshToken, client) => createGatewayClient({ baseUrl: options.gatewayUrl(), headers: vouchFor(client.address) }).refresh(refreshToken),
  });
  return async () => {
    const jar = await cookies();
    const refreshToken = jar.get(options.cookies.refresh)?.value;
    try {
      // The refused token goes whatever comes next (and this fails in a page render: see above).
      jar.delete(options.cookies.access);
    } catch {
      return { kind: 'undecided' };
    }
    if (!refreshToken) {
      options.forget(jar);
      return { kind: 'ended' };
    }
    const incoming = await headers();
    try {
      const session = await refreshSession(refreshToken, { address: incoming.get('x-forwarded-for'), userAgent: incoming.get('user-agent') });
      options.cookies.write(jar, session);
      return { kind: 'renewed', accessToken: session.accessToken };
    } catch (err) {
      if (!refreshEndsSession(err)) return { kind: 'undecided' };
      options.forget(jar);
      return { kind: 'ended' };
    }
  };
}
