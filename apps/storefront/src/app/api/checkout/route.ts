import { ReservationId, type Quote } from '@shop/contracts';
import { FailureCode } from '@shop/contracts/failure';
import { isApiError } from '@shop/api-client';
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { badRequest, errorResponse, jsonBody, unauthorized } from '@shop/web-session';
import { loadCart } from '../../../lib/cart-access';
import { checkoutFieldErrors, shippingAddressFrom } from '../../../lib/checkout-form';
import { shopperApi, shopperSession } from '../../../lib/gateway';
import { writePlacedOrder } from '../../../lib/session-cookies';
import { saveCheckoutAddress } from '../../../lib/checkout-address-book';

/** The checkout API is not there (no route yet) or cannot answer: say so, never pretend. */
function checkoutUnavailable(status: number, code: string): boolean {
  return (status === 404 && code === FailureCode.NOT_FOUND) || status === 405 || status === 501 || status === 502 || status === 503 || status === 504;
}

/**
 * Starts the checkout of the shopper's cart. The browser makes the Idempotency-Key once per
 * checkout attempt and sends the same key on a retry, so a double submit never charges twice.
 */
export async function POST(request: Request) {
  const session = await shopperSession();
  // Signed in but the access token is gone (the proxy could not refresh it): sign in again rather than buy as a guest.
  if (session.signedIn && !session.accessToken) return unauthorized();
  const guest = !session.signedIn;
  const body = await jsonBody(request);
  const key = body.idempotencyKey;
  if (typeof key !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(key)) return badRequest('Invalid request', [{ field: 'idempotencyKey', reason: 'is required' }]);

  // The cart the checkout page showed: the payments service reads it once (as this customer) to
  // lock the quote, and refuses an empty or foreign cart itself, so no read here. A form rendered
  // before the page named its cart falls back to looking the cart up.
  let cartId = typeof body.cartId === 'string' ? body.cartId : null;
  if (cartId === null) {
    const cart = await loadCart();
    if (!cart.ok) return errorResponse(cart.error);
    if (!cart.cart || cart.cart.lines.length === 0) {
      return NextResponse.json({ error: { code: FailureCode.CART_EMPTY, message: 'Your cart is empty.' } }, { status: 422 });
    }
    cartId = cart.cart.id;
  }

  const address = typeof body.address === 'object' && body.address !== null ? (body.address as Record<string, unknown>) : {};
  const token = typeof body.paymentToken === 'string' ? body.paymentToken : '';
  // The hold from a sale page, and the quote the page showed: the payments service verifies both
  // (the hold must be this customer's, the quote pricing's own signature) and names a bad one.
  let reservationId: string | undefined;
  if (body.reservationId !== undefined) {
    const parsed = ReservationId.safeParse(body.reservationId);
    if (!parsed.success) return badRequest('Invalid request', [{ field: 'reservationId', reason: parsed.error.issues[0]?.message ?? 'is invalid' }]);
    reservationId = parsed.data;
  }
  const quote = typeof body.quote === 'object' && body.quote !== null ? (body.quote as Quote) : undefined;
  const shippingAddress = shippingAddressFrom(address);
  try {
    const accepted = await (await shopperApi()).checkout(
      {
        cartId,
        shippingAddress,
        payment: { method: 'card', token },
        ...(reservationId ? { reservationId } : {}),
        ...(quote ? { quote } : {}),
        // A guest's email (the payments service validates it and names `email` when it is missing or bad).
        ...(guest ? { email: typeof body.email === 'string' ? body.email : '' } : {}),
      },
      key,
    );
    // A guest's confirmation page follows the order as Order lookup does (number + email), with no form to fill.
    if (guest && accepted.orderNumber && typeof body.email === 'string') writePlacedOrder(await cookies(), accepted.orderNumber, body.email);
    // "Save this address to my account": only once checkout took the order with it (a refused
    // checkout saves nothing); the order stands whether or not the address could be saved, and
    // `addressProblem` says why not (`full`, `unavailable`) for the next page to tell the shopper.
    const addressProblem = !guest && body.saveAddress === true ? await saveCheckoutAddress(await shopperApi(), shippingAddress) : undefined;
    // The cart stays: the confirmed order takes its items out of it (what is added meanwhile stays).
    if (addressProblem === undefined) return NextResponse.json(accepted, { status: 202 });
    return NextResponse.json(addressProblem === null ? { ...accepted, addressSaved: true } : { ...accepted, addressSaved: false, addressProblem }, { status: 202 });
  } catch (err) {
    if (isApiError(err) && checkoutUnavailable(err.status, err.code)) {
      return NextResponse.json(
        { error: { code: FailureCode.CHECKOUT_UNAVAILABLE, message: 'Checkout is not available right now. Your cart is saved; please try again later.' } },
        { status: 503 },
      );
    }
    // 409 PRICE_CHANGED carries the new quote in its details, COUPON_EXHAUSTED, COUPON_INVALID (400)
    // and LIMIT_EXCEEDED name why: errorResponse passes them on for the form to show.
    if (isApiError(err) && err.status === 400 && err.code !== FailureCode.COUPON_INVALID) {
      return NextResponse.json({ error: { code: err.code, message: 'Please check the highlighted fields.', fields: checkoutFieldErrors(err.fieldErrors()) } }, { status: 400 });
    }
    return errorResponse(err);
  }
}
