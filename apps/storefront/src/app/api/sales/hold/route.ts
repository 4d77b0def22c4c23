import { IdempotencyKey, Sku } from '@shop/contracts';
import { NextResponse } from 'next/server';
import { badRequest, errorResponse, jsonBody, unauthorized } from '@shop/web-session';
import { isMissingCart } from '../../../../lib/cart-changes';
import { shopperApi, shopperSession } from '../../../../lib/gateway';

/**
 * "Buy now" on a sale page: holds one unit for the signed-in customer at once
 * (`POST /api/inventory/reservations`, the inventory engine enforces the sale's units and the
 * per-customer limit), then puts the item in their cart so checkout buys it with that hold.
 * The browser's Idempotency-Key makes a retry (after a lost answer or the waiting room) the same
 * hold. A shed answer keeps its Retry-After.
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
  try {
    const cart = await api.currentCart().catch((err: unknown) => {
      if (isMissingCart(err)) return null;
      throw err;
    });
    // Already in the cart (a replayed hold, or added before): leave the shopper's line as it is.
    if (!cart?.lines.some((l) => l.sku === sku.data)) await api.addCurrentCartItem({ sku: sku.data, quantity: 1 });
  } catch (err) {
    // Without the cart line checkout cannot use the hold: let the unit go back to the sale now.
    await api.releaseReservation(reservation.reservationId).catch(() => undefined);
    return errorResponse(err);
  }
  return NextResponse.json(reservation, { status: 201 });
}
