import { AdminCustomersApi } from '@shop/api-client';
import { NextResponse } from 'next/server';
import { adminRoute } from '../../../../../lib/admin-session';

/** Disable or enable a customer's account, or mail it a password reset link, as the signed-in admin. */
export const POST = adminRoute<{ params: Promise<{ id: string; action: string }> }>(async ({ api }, _request, { params }) => {
  const { id, action } = await params;
  const customers = new AdminCustomersApi(api);
  if (action === 'password-reset') return NextResponse.json(await customers.sendPasswordReset(id), { status: 202 });
  if (action !== 'disable' && action !== 'enable') return NextResponse.json({ error: { code: 'NOT_FOUND', message: `No account action ${action}` } }, { status: 404 });
  return NextResponse.json(await customers.setDisabled(id, action === 'disable'));
});

export const dynamic = 'force-dynamic';
