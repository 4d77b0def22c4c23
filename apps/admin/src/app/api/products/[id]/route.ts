import { AdminProductsApi } from '@shop/api-client';
import { Id, UpdateProductBody } from '@shop/contracts';
import { jsonBody, validated } from '@shop/web-session';
import { NextResponse } from 'next/server';
import { adminRoute } from '../../../../lib/admin-session';

type Context = { params: Promise<{ id: string }> };

/** Changes a product (`PATCH /api/admin/products/:id`), validated here first with the same contract. */
export const PATCH = adminRoute<Context>(async ({ api }, request, { params }) => {
  const id = validated(Id, (await params).id, 'id');
  if (!id.ok) return id.response;
  const input = validated(UpdateProductBody, await jsonBody(request));
  if (!input.ok) return input.response;
  return NextResponse.json(await new AdminProductsApi(api).update(id.value, input.value));
});
