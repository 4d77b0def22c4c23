import { AdminOrdersApi } from '@shop/api-client';
import { jsonBody } from '@shop/web-session';
import { NextResponse } from 'next/server';
import { adminRoute } from '../../../../../lib/admin-session';

const ACTIONS = new Set(['cancel', 'refund', 'fulfil']);

/** Cancel, refund or fulfil an order as the signed-in admin; `{ reason }` for cancel and refund. */
export const POST = adminRoute<{ params: Promise<{ ref: string; action: string }> }>(async ({ api }, request, { params }) => {
  const { ref, action } = await params;
  if (!ACTIONS.has(action)) return NextResponse.json({ error: { code: 'NOT_FOUND', message: `No order action ${action}` } }, { status: 404 });
  const body = await jsonBody(request);
  const reason = typeof body.reason === 'string' ? body.reason : undefined;
  const order = await new AdminOrdersApi(api).change(ref, action as 'cancel' | 'refund' | 'fulfil', action === 'fulfil' ? {} : { reason });
  return NextResponse.json(order);
});

export const dynamic = 'force-dynamic';
