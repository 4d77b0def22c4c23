import { AnalyticsStreamQuery } from '@shop/contracts';
import { validated } from '@shop/web-session';
import { cookies } from 'next/headers';
import { adminRoute } from '../../../../lib/admin-session';
import { gatewayUrl } from '../../../../lib/config';
import { adminCookies } from '../../../../lib/session-cookies';

export const dynamic = 'force-dynamic';

/**
 * The live dashboard's server-sent events for the browser's EventSource: the gateway's
 * `/api/admin/analytics/stream`, called server-side with the admin's token from the httpOnly
 * cookie (the browser never holds it), passed through as it streams. The browser going away
 * ends the upstream stream too.
 */
export const GET = adminRoute(async (_session, request) => {
  const query = validated(AnalyticsStreamQuery, Object.fromEntries(new URL(request.url).searchParams));
  if (!query.ok) return query.response;
  const token = (await cookies()).get(adminCookies.access)?.value ?? '';
  const params = new URLSearchParams({ window: query.value.window, ...(query.value.sale ? { sale: query.value.sale } : {}) });
  const upstream = await fetch(`${gatewayUrl()}/api/admin/analytics/stream?${params}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: request.signal,
    cache: 'no-store',
  });
  if (!upstream.ok || !upstream.body) {
    return new Response(await upstream.text(), { status: upstream.status, headers: { 'content-type': upstream.headers.get('content-type') ?? 'application/json' } });
  }
  return new Response(upstream.body, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
  });
});
