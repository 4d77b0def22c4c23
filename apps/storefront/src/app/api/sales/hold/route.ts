import { IdempotencyKey, Sku } from '@shop/contracts';
import { NextResponse } from 'next/server';
import { badRequest, errorResponse, jsonBody, unauthorized } from '@shop/web-session';
import type { BuyNowHold } from '../../../../lib/buy-now';
import type { RememberedHold } from '../../../../lib/buy-now-holds';
import { checkedBuyNowHolds, rememberBuyNowHold } from '../../../../lib/buy-now-memory';
import { shopperApi, shopperSession } from '../../../../lib/gateway';

/**
 * "Buy now" on a sale page: holds one unit for the signed-in customer at once
 * (`POST /api/inventory/reservations`, the inventory engine enforces the sale's units and the
 * per-customer limit), then puts that unit in a Buy now cart of its own (`POST /api/carts/buy-now`):
 * checkout buys it with that hold, alone, and the shopper's own cart (its lines, its coupon) is
 * never part of the order. The browser's Idempotency-Key makes a retry (after a lost answer or the
 * waiting room) the same hold. A shed answer keeps its Retry-After.
 *
 * A second press while this browser's hold of the SKU is still live (a double click, another tab,
 * coming back from checkout) holds nothing more: it answers 200 with that hold and its Buy now
 * cart (`existing: true`, `heldUnits`), and the page goes on to that checkout. Only `another: true`
 * (the sale page's "Hold another unit", which says how many are held and the limit) holds one
 * more; the inventory engine still enforces the per-customer limit. Remembered holds found bought,
 * released (a declined payment) or expired are forgotten here, and never answered as `existing`.
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
  if (body.another !== undefined && typeof body.another !== 'boolean') issues.push({ field: 'another', reason: 'must be true or false' });
  if (!sku.success || !key.success || issues.length > 0) return badRequest('Invalid request', issues);

  const { live, gone } = await checkedBuyNowHolds(sku.data);
  if (gone.length > 0) await rememberBuyNowHold(null, gone);
  if (body.another !== true && live[0]) {
    const held = live[0];
    const answer: BuyNowHold = {
      reservationId: held.holdId,
      items: [{ sku: held.sku, quantity: 1 }],
      expiresAt: new Date(held.until).toISOString(),
      buyNowCartId: held.cartId,
      existing: true,
      heldUnits: live.length,
    };
    return NextResponse.json(answer, { status: 200 });
  }

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
  const remembered: RememberedHold = { sku: sku.data, holdId: reservation.reservationId, until: Date.parse(reservation.expiresAt), cartId: buyNowCart.id };
  await rememberBuyNowHold(remembered, gone);
  const answer: BuyNowHold = { ...reservation, buyNowCartId: buyNowCart.id, existing: false, heldUnits: live.filter((h) => h.holdId !== remembered.holdId).length + 1 };
  return NextResponse.json(answer, { status: 201 });
}
