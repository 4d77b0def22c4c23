import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { badRequest, errorResponse, jsonBody } from '@shop/web-session';
import { addToShopperCart } from '../../../../lib/cart-changes';
import { shopperApi, shopperSession } from '../../../../lib/gateway';
import { CART_COOKIE, writeCartId } from '../../../../lib/session-cookies';

/** Adds a SKU to the shopper's cart, creating the cart on the first add. */
export async function POST(request: Request) {
  const body = await jsonBody(request);
  if (typeof body.sku !== 'string') return badRequest('Invalid request', [{ field: 'sku', reason: 'is required' }]);
  const item = { sku: body.sku, quantity: typeof body.quantity === 'number' ? body.quantity : 1 };
  const api = await shopperApi();
  const { accessToken } = await shopperSession();
  const jar = await cookies();
  try {
    const cart = await addToShopperCart(api, accessToken !== null, jar.get(CART_COOKIE)?.value, item);
    writeCartId(jar, cart.id);
    return NextResponse.json(cart);
  } catch (err) {
    return errorResponse(err);
  }
}
