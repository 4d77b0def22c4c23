import { AdminOperationsApi } from '@shop/api-client';
import { NextResponse } from 'next/server';
import { adminRoute } from '../../../../../../lib/admin-session';

/** Re-deliver a dead letter to the consumer group that failed it, as the signed-in admin. */
export const POST = adminRoute<{ params: Promise<{ stream: string; id: string }> }>(async ({ api }, _request, { params }) => {
  const { stream, id } = await params;
  return NextResponse.json(await new AdminOperationsApi(api).retry(stream, id));
});

export const dynamic = 'force-dynamic';
