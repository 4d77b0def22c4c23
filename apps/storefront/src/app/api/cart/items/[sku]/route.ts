import { FailureCode } from '@shop/contracts/failure';
import { NextResponse } from 'next/server';
import { badRequest, errorResponse, jsonBody } from '../../../../../lib/api-response';
import { loadCart } from '../../../../../lib/cart-access';
import { shopperApi } from '../../../../../lib/gateway';

type Context = { params: Promise<{ sku: string }> };

async function currentCartId(): Promise<string | null> {
  const load = await loadCart();
  if (!load.ok) throw load.error;
  return load.cart?.id ?? null;
}

const noCart = () => NextResponse.json({ error: { code: FailureCode.NOT_FOUND, message: 'Your cart is empty' } }, { status: 404 });

export async function PATCH(request: Request, { params }: Context) {
  const { sku } = await params;
  const body = await jsonBody(request);
  if (typeof body.quantity !== 'number') return badRequest('Invalid request', [{ field: 'quantity', reason: 'must be a number' }]);
  try {
    const cartId = await currentCartId();
    if (!cartId) return noCart();
    return NextResponse.json(await (await shopperApi()).updateCartItem(cartId, sku, body.quantity));
  } catch (err) {
    return errorResponse(err);
  }
}

export async function DELETE(_request: Request, { params }: Context) {
  const { sku } = await params;
  try {
    const cartId = await currentCartId();
    if (!cartId) return noCart();
    return NextResponse.json(await (await shopperApi()).removeCartItem(cartId, sku));
  } catch (err) {
    return errorResponse(err);
  }
}
