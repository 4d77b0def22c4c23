import { AdminOrdersApi } from '@shop/api-client';
import { RefundLinesBody } from '@shop/contracts';
import { jsonBody } from '@shop/web-session';
import { NextResponse } from 'next/server';
import { adminRoute } from '../../../../../lib/admin-session';

/**
 * Refunds some lines of an order as the signed-in admin: `{ lines: [{ sku, quantity }], reason }`.
 * The form's Idempotency-Key (made once per form submission) is passed on, so a double submit
 * refunds once.
 */
export const POST = adminRoute<{ params: Promise<{ ref: string }> }>(async ({ api }, request, { params }) => {
  const { ref } = await params;
  const parsed = RefundLinesBody.safeParse(await jsonBody(request));
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ field: i.path.join('.'), reason: i.message }));
    return NextResponse.json({ error: { code: 'VALIDATION_FAILED', message: details.map((d) => `${d.field}: ${d.reason}`).join('; '), details } }, { status: 400 });
  }
  const key = request.headers.get('idempotency-key') ?? undefined;
  const order = await new AdminOrdersApi(api).refundLines(ref, parsed.data, key);
  return NextResponse.json(order);
});

export const dynamic = 'force-dynamic';
