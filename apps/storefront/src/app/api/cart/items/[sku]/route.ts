import { FailureCode } from '@shop/contracts/failure';
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { badRequest, errorResponse, jsonBody } from '@shop/web-session';
import { changeShopperCart } from '../../../../../lib/cart-changes';
import { shopperApi, shopperSession } from '../../../../../lib/gateway';
import { CART_COOKIE } from '../../../../../lib/session-cookies';

type Context = { params: Promise<{ sku: string }> };

const noCart = () => NextResponse.json({ error: { code: FailureCode.NOT_FOUND, message: 'Your cart is empty' } }, { status: 404 });

/** One call to the gateway: the change answers the updated cart. */
async function change(sku: string, what: { quantity: number } | { remove: true }): Promise<NextResponse> {
  const api = await shopperApi();
  const { accessToken } = await shopperSession();
  const cookieCartId = (await cookies()).get(CART_COOKIE)?.value;
  try {
    const changed = changeShopperCart(api, accessToken !== null, cookieCartId, { sku, ...what });
    return changed ? NextResponse.json(await changed) : noCart();
  } catch (err) {
    return errorResponse(err);
  }
}

export async function PATCH(request: Request, { params }: Context) {
  const { sku } = await params;
  const body = await jsonBody(request);
  if (typeof body.quantity !== 'number') return badRequest('Invalid request', [{ field: 'quantity', reason: 'must be a number' }]);
  return change(sku, { quantity: body.quantity });
}

export async function DELETE(_request: Request, { params }: Context) {
  const { sku } = await params;
  return change(sku, { remove: true });
}
