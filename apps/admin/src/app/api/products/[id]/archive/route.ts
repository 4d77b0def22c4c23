import { AdminProductsApi } from '@shop/api-client';
import { Id } from '@shop/contracts';
import { validated } from '@shop/web-session';
import { NextResponse } from 'next/server';
import { adminRoute } from '../../../../../lib/admin-session';

type Context = { params: Promise<{ id: string }> };

/** Archives a product (`POST /api/admin/products/:id/archive`): gone from the shop, kept for orders. */
export const POST = adminRoute<Context>(async ({ api }, _request, { params }) => {
  const id = validated(Id, (await params).id, 'id');
  if (!id.ok) return id.response;
  return NextResponse.json(await new AdminProductsApi(api).archive(id.value));
});
