import type { GatewayClient } from '@shop/api-client';
import { errorResponse, forbidden, gatewayForRequest, unauthorized } from '@shop/web-session';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { accessOf, NOT_AN_ADMIN } from './console-access';
import { identify } from './identify';
import { adminCookies } from './session-cookies';

export interface AdminSession {
  email: string;
  /** A gateway client acting as this admin. */
  api: GatewayClient;
}

type Check = { ok: true; session: AdminSession } | { ok: false; access: 'sign_in' | 'forbidden' | 'unavailable' };

/** This request's caller, checked with the gateway once per request (React cache). */
const checkAdmin = cache(async (): Promise<Check> => {
  const accessToken = (await cookies()).get(adminCookies.access)?.value ?? null;
  const caller = await identify(accessToken, (await headers()).get('x-forwarded-for'));
  const access = accessOf(caller);
  if (access !== 'allow' || caller.kind !== 'user') return { ok: false, access: access === 'allow' ? 'unavailable' : access };
  return { ok: true, session: { email: caller.email, api: await gatewayForRequest(accessToken) } };
});

/**
 * For console pages and layouts: the signed-in admin, or a redirect to the login page (signed
 * out) or to the refusal on the login page (not an admin). The proxy has already refused such
 * requests; this is the page's own check, so a page can never render for a non-admin.
 */
export async function requireAdmin(): Promise<AdminSession> {
  const check = await checkAdmin();
  if (check.ok) return check.session;
  if (check.access === 'forbidden') redirect('/login?refused=1');
  if (check.access === 'unavailable') throw new Error('The platform cannot be reached to check your session; try again in a moment.');
  redirect('/login');
}

/**
 * A console route handler: runs only for a signed-in admin, with a gateway client acting as
 * them; otherwise answers 401/403/503 JSON. A failed gateway call becomes the platform's error
 * body with the gateway's status (its field errors included).
 */
export function adminRoute<Context>(handler: (session: AdminSession, request: Request, context: Context) => Promise<Response>) {
  return async (request: Request, context: Context): Promise<Response> => {
    const check = await checkAdmin();
    if (!check.ok) {
      if (check.access === 'sign_in') return unauthorized('Please sign in to the console first');
      if (check.access === 'forbidden') return forbidden(NOT_AN_ADMIN);
      return Response.json({ error: { code: 'GATEWAY_UNREACHABLE', message: 'The platform cannot be reached; try again in a moment.' } }, { status: 503 });
    }
    try {
      return await handler(check.session, request, context);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
