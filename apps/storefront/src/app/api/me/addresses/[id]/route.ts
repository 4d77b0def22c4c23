import { NextResponse } from 'next/server';
import { errorResponse, jsonBody, unauthorized } from '@shop/web-session';
import { shippingAddressFrom } from '../../../../../lib/checkout-form';
import { shopperApi, shopperSession } from '../../../../../lib/gateway';

interface Params {
  params: Promise<{ id: string }>;
}

/** Edits a saved address (`{ address }`) and/or makes it the default (`{ makeDefault: true }`); someone else's is 404. */
export async function PATCH(request: Request, { params }: Params) {
  const session = await shopperSession();
  if (!session.accessToken) return unauthorized();
  const { id } = await params;
  const body = await jsonBody(request);
  const change = {
    ...(typeof body.address === 'object' && body.address !== null ? { address: shippingAddressFrom(body.address as Record<string, unknown>) } : {}),
    ...(body.makeDefault === true ? { makeDefault: true as const } : {}),
  };
  try {
    return NextResponse.json(await (await shopperApi()).updateSavedAddress(id, change));
  } catch (err) {
    return errorResponse(err);
  }
}

export async function DELETE(_request: Request, { params }: Params) {
  const session = await shopperSession();
  if (!session.accessToken) return unauthorized();
  const { id } = await params;
  try {
    await (await shopperApi()).deleteSavedAddress(id);
    return new NextResponse(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
