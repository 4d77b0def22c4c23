import { IdempotencyKey, Sku } from '@shop/contracts';
import { NextResponse } from 'next/server';
import { badRequest, errorResponse, jsonBody, unauthorized } from '@shop/web-session';
import type { BuyNowHold } from '../../../../lib/buy-now';
import { shopperApi, shopperSession } from '../../../../lib/gateway';

/**
 * "Buy now" on a sale page: holds one unit for the signed-in customer at once
 * (`POST /api/inventory/reservations`, the inventory engine enforces the sale's units and the
 * per-customer limit), then puts that unit in a Buy now cart of its own (`POST /api/carts/buy-now`):
 * checkout buys it with that hold, alone, and the shopper's own cart (its lines, its coupon) is
 * never part of the order. The browser's Idempotency-Key makes a retry (after a lost answer or the
 * waiting room) the same hold. A shed answer keeps its Retry-After.
 */
export async function POST(request: Request) {
  const session = await shopperSession();
  if (!session.accessToken) return unauthorized();
  const body = await jsonBody(request);
  const sku = Sku.safeParse(body.sku);
  const key = IdempotencyKey.safeParse(body.idempotencyKey);
  const issues = [
    ...(sku.success ? [] : [{ field: 'sku', reason: sku.error.issues[0]?.message ?? 'is invalid' }]),
    ...(key.success ? [] : [{ field: 'idempotencyKey', reason: key.error.issues[0]?.message ?? 'is invalid' }]),
  ];
  if (!sku.success || !key.success) return badRequest('Invalid request', issues);

  const api = await shopperApi();
  let reservation;
  try {
    reservation = await api.createReservation({ items: [{ sku: sku.data, quantity: 1 }] }, key.data);
  } catch (err) {
    return errorResponse(err);
  }
  let buyNowCart;
  try {
    // A replayed hold gets a new cart too: the one made before is never checked out and expires.
    buyNowCart = await api.createBuyNowCart({ sku: sku.data });
  } catch (err) {
    // Without its cart checkout cannot use the hold: let the unit go back to the sale now.
    await api.releaseReservation(reservation.reservationId).catch(() => undefined);
    return errorResponse(err);
  }
  const answer: BuyNowHold = { ...reservation, buyNowCartId: buyNowCart.id };
  return NextResponse.json(answer, { status: 201 });
}
