import { errorResponse, forbidden, gatewayForRequest, jsonBody } from '@shop/web-session';
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { NOT_AN_ADMIN } from '../../../../lib/console-access';
import { adminCookies } from '../../../../lib/session-cookies';

/**
 * Signs an admin in: the gateway checks the credentials; only an admin's session is kept (HttpOnly
 * cookies). A customer's valid login is refused here (403) and its fresh session revoked at once,
 * so it never holds console cookies. Same-origin JSON only (proxy.ts).
 */
export async function POST(request: Request) {
  const body = await jsonBody(request);
  const credentials = { email: typeof body.email === 'string' ? body.email : '', password: typeof body.password === 'string' ? body.password : '' };
  const api = await gatewayForRequest(null);
  try {
    const session = await api.login(credentials);
    if (session.user.role !== 'admin') {
      await api.logout(session.refreshToken).catch(() => undefined);
      return forbidden(NOT_AN_ADMIN);
    }
    adminCookies.write(await cookies(), session);
    return NextResponse.json({ user: { email: session.user.email, role: session.user.role } });
  } catch (err) {
    return errorResponse(err);
  }
}

export const dynamic = 'force-dynamic';
