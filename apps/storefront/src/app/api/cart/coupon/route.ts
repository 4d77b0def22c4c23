import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { badRequest, errorResponse, jsonBody } from '@shop/web-session';
import { shopperApi, shopperSession } from '../../../../lib/gateway';
import { CART_COOKIE } from '../../../../lib/session-cookies';

/** The cart a coupon goes on: the signed-in customer's own (addressed server-side), else the guest cart in the cookie. */
async function target(): Promise<{ signedIn: boolean; cartId: string | undefined }> {
  const { accessToken } = await shopperSession();
  return { signedIn: accessToken !== null, cartId: (await cookies()).get(CART_COOKIE)?.value };
}

function noCart(): NextResponse {
  return NextResponse.json({ error: { code: 'NOT_FOUND', message: 'Your cart is empty.' } }, { status: 404 });
}

/** Applies a coupon code to the shopper's cart; a refusal (400 COUPON_INVALID) names why. */
export async function POST(request: Request) {
  const body = await jsonBody(request);
  if (typeof body.code !== 'string' || body.code.trim() === '') return badRequest('Invalid request', [{ field: 'code', reason: 'is required' }]);
  const code = body.code.trim();
  const { signedIn, cartId } = await target();
  const api = await shopperApi();
  try {
    if (signedIn) return NextResponse.json(await api.applyCurrentCoupon(code));
    if (!cartId) return noCart();
    return NextResponse.json(await api.applyCoupon(cartId, code));
  } catch (err) {
    return errorResponse(err);
  }
}

/** Takes the coupon off the shopper's cart. */
export async function DELETE() {
  const { signedIn, cartId } = await target();
  const api = await shopperApi();
  try {
    if (signedIn) return NextResponse.json(await api.removeCurrentCoupon());
    if (!cartId) return noCart();
    return NextResponse.json(await api.removeCoupon(cartId));
  } catch (err) {
    return errorResponse(err);
  }
}
