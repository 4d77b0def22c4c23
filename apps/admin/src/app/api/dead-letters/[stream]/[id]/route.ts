import { AdminOperationsApi } from '@shop/api-client';
import { adminRoute } from '../../../../../lib/admin-session';

/** Discard a dead letter for good, as the signed-in admin. */
export const DELETE = adminRoute<{ params: Promise<{ stream: string; id: string }> }>(async ({ api }, _request, { params }) => {
  const { stream, id } = await params;
  await new AdminOperationsApi(api).discard(stream, id);
  return new Response(null, { status: 204 });
});

export const dynamic = 'force-dynamic';
