import { jsonBody } from '@shop/web-session';
import { NextResponse } from 'next/server';
import { adminRoute } from '../../../../lib/admin-session';
import { gatewayPathOf } from '../../../../lib/merch/merch-paths';

type Context = { params: Promise<{ path: string[] }> };

/**
 * The inventory and pricing screens' changes and live reads, passed to the gateway as the
 * signed-in admin (adminRoute: admins only; the gateway and the services check the role again).
 * Only the merchant resources of lib/merch/merch-paths.ts; the gateway's answer and its field
 * errors come back as they are.
 */
const handle = adminRoute<Context>(async (session, request, context) => {
  const { path } = await context.params;
  const target = gatewayPathOf(path, request.method);
  if (!target) return NextResponse.json({ error: { code: 'NOT_FOUND', message: 'No such console route' } }, { status: 404 });
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const body = target.method === 'GET' || target.method === 'DELETE' ? undefined : await jsonBody(request);
  const answer = await session.api.request<unknown>(target.method, target.path, { query, body });
  return answer === undefined ? new NextResponse(null, { status: 204 }) : NextResponse.json(answer);
});

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
export const dynamic = 'force-dynamic';
