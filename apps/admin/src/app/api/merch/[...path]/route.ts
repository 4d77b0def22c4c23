import { ApiError, isApiError } from '@shop/api-client';
import { FailureCode } from '@shop/contracts';
import { jsonBody } from '@shop/web-session';
import { NextResponse } from 'next/server';
import { adminRoute } from '../../../../lib/admin-session';
import { gatewayPathOf } from '../../../../lib/merch/merch-paths';
import { resolvePromotionDraft } from '../../../../lib/merch/promotion-targets';

type Context = { params: Promise<{ path: string[] }> };

/**
 * The inventory and pricing screens' changes and live reads, passed to the gateway as the
 * signed-in admin (adminRoute: admins only; the gateway and the services check the role again).
 * Only the merchant resources of lib/merch/merch-paths.ts; the gateway's answer and its field
 * errors come back as they are. A new promotion's product target comes by slug (what the merchant
 * knows) and is resolved to ids here, as the pricing contract wants them.
 */
const handle = adminRoute<Context>(async (session, request, context) => {
  const { path } = await context.params;
  const target = gatewayPathOf(path, request.method);
  if (!target) return NextResponse.json({ error: { code: 'NOT_FOUND', message: 'No such console route' } }, { status: 404 });
  const query = Object.fromEntries(new URL(request.url).searchParams);
  let body = target.method === 'GET' || target.method === 'DELETE' ? undefined : await jsonBody(request);
  if (target.method === 'POST' && target.path === '/api/admin/promotions') {
    const resolved = await resolvePromotionDraft(body, async (slug) => {
      try {
        return (await session.api.getProduct(slug, { cache: 'no-store' })).id;
      } catch (err) {
        if (isApiError(err) && err.status === 404) return null;
        throw err;
      }
    });
    if (!resolved.ok) {
      const details = Object.entries(resolved.fieldErrors).map(([field, reason]) => ({ field, reason }));
      throw new ApiError(400, FailureCode.VALIDATION_FAILED, 'The promotion was not created', details);
    }
    body = resolved.body;
  }
  const answer = await session.api.request<unknown>(target.method, target.path, { query, body });
  return answer === undefined ? new NextResponse(null, { status: 204 }) : NextResponse.json(answer);
});

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
export const dynamic = 'force-dynamic';
