import { isApiError } from '@shop/api-client';
import { cookies } from 'next/headers';
import { BUY_NOW_COOKIE, holdsCookie, holdsOf, readHolds, rememberHolds, stillHeld, type HoldCheck, type RememberedHold } from './buy-now-holds';
import { loadCartById } from './cart-access';
import { shopperApi } from './gateway';
import { shopperCookies } from './session-cookies';

/** Whether the Buy now cart still holds a unit of `sku`; undefined: the cart service could not answer. */
async function cartHoldsUnit(cartId: string, sku: string): Promise<boolean | undefined> {
  const load = await loadCartById(cartId).catch(() => null);
  if (!load || !load.ok) return undefined;
  return load.cart?.lines.some((l) => l.sku === sku && l.quantity > 0) ?? false;
}

/** The reservation's status for this customer (`missing`: inventory answers 404); undefined: inventory could not answer. */
async function reservationStatus(holdId: string): Promise<HoldCheck['reservation']> {
  try {
    return (await (await shopperApi()).getReservation(holdId)).status;
  } catch (err) {
    return isApiError(err) && err.status === 404 ? 'missing' : undefined;
  }
}

/**
 * This browser's remembered "Buy now" holds of a SKU, checked (server side: route handlers and
 * pages): `live`, the ones that still stand, the one ending first first; `gone`, the ids of the
 * ones found bought, released or expired, for a route handler to forget (rememberBuyNowHold).
 * An entry counts while its hold has not ended, its Buy now cart still holds the unit (checking
 * out empties it; another customer's cart, in a shared browser, answers 404) and inventory still
 * has its reservation `held` (a declined payment releases it while the cart keeps the unit; another
 * customer's answers 404). Cart and reservation are asked at once; a service that cannot answer
 * keeps the entry (its end time still applies).
 */
export async function checkedBuyNowHolds(sku: string, nowMs = Date.now()): Promise<{ live: RememberedHold[]; gone: string[] }> {
  const remembered = holdsOf(readHolds((await cookies()).get(BUY_NOW_COOKIE)?.value, nowMs), sku);
  const checked = await Promise.all(
    remembered.map(async (hold) => {
      const [cart, reservation] = await Promise.all([cartHoldsUnit(hold.cartId, sku), reservationStatus(hold.holdId)]);
      return { hold, standing: stillHeld(hold, { cartHoldsUnit: cart, reservation }, nowMs) };
    }),
  );
  return { live: checked.filter((c) => c.standing).map((c) => c.hold), gone: checked.filter((c) => !c.standing).map((c) => c.hold.holdId) };
}

/** This browser's live "Buy now" holds of a SKU (see checkedBuyNowHolds). */
export async function liveBuyNowHolds(sku: string, nowMs = Date.now()): Promise<RememberedHold[]> {
  return (await checkedBuyNowHolds(sku, nowMs)).live;
}

/** Remembers `added` (a new hold) and forgets `dropped` (holds found bought or gone); route handlers only. */
export async function rememberBuyNowHold(added: RememberedHold | null, dropped: readonly string[] = [], nowMs = Date.now()): Promise<void> {
  const jar = await cookies();
  const next = holdsCookie(rememberHolds(readHolds(jar.get(BUY_NOW_COOKIE)?.value, nowMs), added, dropped), nowMs);
  if (next) jar.set(BUY_NOW_COOKIE, next.value, shopperCookies.options(next.maxAgeSeconds));
  else jar.delete(BUY_NOW_COOKIE);
}
