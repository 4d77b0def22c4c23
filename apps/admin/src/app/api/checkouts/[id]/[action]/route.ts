import { AdminOrdersApi } from '@shop/api-client';
import { NextResponse } from 'next/server';
import { adminRoute } from '../../../../../lib/admin-session';

/** Resume (retry) or compensate (cancel) a dead checkout saga as the signed-in admin. */
export const POST = adminRoute<{ params: Promise<{ id: string; action: string }> }>(async ({ api }, _request, { params }) => {
  const { id, action } = await params;
  if (action !== 'retry' && action !== 'cancel') return NextResponse.json({ error: { code: 'NOT_FOUND', message: `No checkout action ${action}` } }, { status: 404 });
  return NextResponse.json(await new AdminOrdersApi(api).changeCheckout(id, action));
});

export const dynamic = 'force-dynamic';
