import { AdminProductsApi } from '@shop/api-client';
import { Id } from '@shop/contracts';
import { validated } from '@shop/web-session';
import { NextResponse } from 'next/server';
import { adminRoute } from '../../../../../../lib/admin-session';

type Context = { params: Promise<{ id: string; imageId: string }> };

/** Removes one image of a product (`DELETE /api/admin/products/:id/images/:imageId`); an uploaded file goes with it. */
export const DELETE = adminRoute<Context>(async ({ api }, _request, { params }) => {
  const { id, imageId } = await params;
  const product = validated(Id, id, 'id');
  if (!product.ok) return product.response;
  const image = validated(Id, imageId, 'imageId');
  if (!image.ok) return image.response;
  return NextResponse.json(await new AdminProductsApi(api).removeImage(product.value, image.value));
});
