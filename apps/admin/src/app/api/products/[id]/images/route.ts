import { AdminProductsApi } from '@shop/api-client';
import { ArrangeImagesBody, Id, ImageUploadFields, UploadableImageType } from '@shop/contracts';
import { badRequest, jsonBody, validated } from '@shop/web-session';
import { NextResponse } from 'next/server';
import { adminRoute } from '../../../../../lib/admin-session';

type Context = { params: Promise<{ id: string }> };

/**
 * Uploads one image of a product (`POST /api/admin/products/:id/images`): the browser's form,
 * checked here for a file of an accepted type and its alt text, passed on as a form. The catalog
 * checks the file's bytes and size; its field errors come back as they are.
 */
export const POST = adminRoute<Context>(async ({ api }, request, { params }) => {
  const id = validated(Id, (await params).id, 'id');
  if (!id.ok) return id.response;
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return badRequest('The upload could not be read', [{ field: 'file', reason: 'must be sent as a form with the file' }]);
  }
  const file = form.get('file');
  if (!(file instanceof Blob) || file.size === 0) return badRequest('No image was chosen', [{ field: 'file', reason: 'is required' }]);
  if (!UploadableImageType.safeParse(file.type).success) {
    return badRequest('The file is not a JPEG, PNG or WebP image', [{ field: 'file', reason: 'must be a JPEG, PNG or WebP image' }]);
  }
  const fields = validated(ImageUploadFields, { alt: String(form.get('alt') ?? '') });
  if (!fields.ok) return fields.response;
  const upload = new FormData();
  upload.append('alt', fields.value.alt);
  upload.append('file', file, file instanceof File ? file.name : 'image');
  return NextResponse.json(await new AdminProductsApi(api).uploadImage(id.value, upload), { status: 201 });
});

/** Sets the order of a product's images and their alt texts (`PATCH /api/admin/products/:id/images`). */
export const PATCH = adminRoute<Context>(async ({ api }, request, { params }) => {
  const id = validated(Id, (await params).id, 'id');
  if (!id.ok) return id.response;
  const body = validated(ArrangeImagesBody, await jsonBody(request));
  if (!body.ok) return body.response;
  return NextResponse.json(await new AdminProductsApi(api).arrangeImages(id.value, body.value));
});
