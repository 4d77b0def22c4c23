import { NextResponse } from 'next/server';
import { errorResponse, jsonBody, unauthorized } from '@shop/web-session';
import { shippingAddressFrom } from '../../../../lib/checkout-form';
import { shopperApi, shopperSession } from '../../../../lib/gateway';

/**
 * Saves an address to the shopper's address book: `{ address, makeDefault? }` as the form posted
 * it (blank optional fields left out). The gateway checks it as checkout does; its 400 names
 * `address.<field>`, a full book is 409.
 */
export async function POST(request: Request) {
  const session = await shopperSession();
  if (!session.accessToken) return unauthorized();
  const body = await jsonBody(request);
  const address = typeof body.address === 'object' && body.address !== null ? shippingAddressFrom(body.address as Record<string, unknown>) : shippingAddressFrom({});
  try {
    const saved = await (await shopperApi()).saveAddress({ address, ...(body.makeDefault === true ? { makeDefault: true } : {}) });
    return NextResponse.json(saved, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
