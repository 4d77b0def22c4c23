import { AdminProductsApi } from '@shop/api-client';
import { CreateProductBody } from '@shop/contracts';
import { jsonBody, validated } from '@shop/web-session';
import { NextResponse } from 'next/server';
import { adminRoute } from '../../../lib/admin-session';

/** Creates a product (the catalog's `POST /api/admin/products`), validated here first with the same contract. */
export const POST = adminRoute(async ({ api }, request) => {
  const input = validated(CreateProductBody, await jsonBody(request));
  if (!input.ok) return input.response;
  const product = await new AdminProductsApi(api).create(input.value);
  return NextResponse.json(product, { status: 201 });
});
