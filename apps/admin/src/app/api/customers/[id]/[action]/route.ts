import { AdminCustomersApi } from '@shop/api-client';
import { NextResponse } from 'next/server';
import { adminRoute } from '../../../../../lib/admin-session';

/** Disable or enable a customer's account as the signed-in admin. */
export const POST = adminRoute<{ params: Promise<{ id: string; action: string }> }>(async ({ api }, _request, { params }) => {
  const { id, action } = await params;
  if (action !== 'disable' && action !== 'enable') return NextResponse.json({ error: { code: 'NOT_FOUND', message: `No account action ${action}` } }, { status: 404 });
  return NextResponse.json(await new AdminCustomersApi(api).setDisabled(id, action === 'disable'));
});

export const dynamic = 'force-dynamic';
