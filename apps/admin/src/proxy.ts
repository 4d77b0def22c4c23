import { FailureCode } from '@shop/contracts/failure';
import { createSessionProxy } from '@shop/web-session';
import { NextResponse } from 'next/server';
import { allowedOrigins, gatewayUrl } from './lib/config';
import { accessOf, isApiPath, isPublicPath, NOT_AN_ADMIN } from './lib/console-access';
import { identify } from './lib/identify';
import { adminCookies } from './lib/session-cookies';

/**
 * Runs before every page and route handler (see @shop/web-session's createSessionProxy): refuses
 * cross-site changes (JSON same-origin only), keeps the admin signed in, sets the
 * Content-Security-Policy, and lets only a signed-in admin through: the gateway says who holds
 * the token (`GET /api/me`). A customer's valid session gets no console page and no console data.
 */
export const proxy = createSessionProxy({
  cookies: adminCookies,
  gatewayUrl,
  allowedOrigins,
  // Product images are uploaded as forms (multipart, same-origin only); every other change is JSON.
  acceptsUploads: (path) => /^\/api\/products\/[^/]+\/images$/.test(path),
  authorize: async (request, accessToken) => {
    const path = request.nextUrl.pathname;
    if (isPublicPath(path)) return null;
    const access = accessOf(await identify(accessToken, request.headers.get('x-forwarded-for')));
    if (access === 'allow') return null;
    const api = isApiPath(path);
    if (access === 'sign_in') {
      if (api) return NextResponse.json({ error: { code: FailureCode.UNAUTHORIZED, message: 'Please sign in to the console first' } }, { status: 401 });
      const login = new URL('/login', request.url);
      if (path !== '/') login.searchParams.set('next', `${path}${request.nextUrl.search}`);
      return NextResponse.redirect(login, 303);
    }
    if (access === 'forbidden') {
      if (api) return NextResponse.json({ error: { code: FailureCode.FORBIDDEN, message: NOT_AN_ADMIN } }, { status: 403 });
      return refusalPage(403, 'Not an admin account', NOT_AN_ADMIN);
    }
    if (api) return NextResponse.json({ error: { code: 'GATEWAY_UNREACHABLE', message: 'The platform cannot be reached; try again in a moment.' } }, { status: 503 });
    return refusalPage(503, 'The platform cannot be reached', 'The console could not check your session with the gateway. Try again in a moment.');
  },
});

/** A plain page for a refused request: no console layout (and none of its data) is rendered. */
function refusalPage(status: number, title: string, message: string): NextResponse {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title} · FlashShop admin</title></head>
<body style="font-family:system-ui,sans-serif;background:#f6f5f2;color:#1c2230;display:grid;place-items:center;min-height:100vh;margin:0">
<main style="background:#fff;border:1px solid #e2e0d9;border-radius:14px;padding:32px;max-width:480px">
<h1 style="margin-top:0">${title}</h1><p role="alert">${message}</p>
<p><a href="/login?refused=1" style="color:#4338ca">Sign in with another account</a></p></main></body></html>`;
  return new NextResponse(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}

export const config = {
  matcher: ['/((?!_next/|favicon.ico|icon.svg).*)'],
};
