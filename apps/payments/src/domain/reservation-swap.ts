import { FailureCode } from '@shop/contracts';
import type { SagaFailure } from './checkout-saga.js';
import type { CartContents } from './checkout-quote.js';

/** A reservation as inventory's internal read shows it to checkout. */
export interface HeldReservationView {
  reservationId: string;
  /** Who holds it (null: an anonymous hold). */
  customerId: string | null;
  status: string;
  items: readonly { sku: string; quantity: number }[];
}

/**
 * Whether the checkout may turn the shopper's held reservation (a sale page's hold) into its own,
 * and which SKU must come first in the new reservation (inventory routes the swap to the replaced
 * reservation's partition by the first item). Refused, before any order, when the reservation is
 * not this customer's, no longer held, or holds nothing the cart buys. Another customer's
 * reservation is answered like an unknown one: nothing about it is disclosed.
 */
export function replacementSku(held: HeldReservationView | null, customerId: string, cart: CartContents): { sku: string } | SagaFailure {
  if (!held || held.customerId !== customerId) {
    return { code: FailureCode.RESERVATION_REFUSED, reason: 'reservationId is not a reservation of yours', details: { field: 'reservationId', reason: 'not_found' } };
  }
  if (held.status !== 'held') {
    return { code: FailureCode.RESERVATION_REFUSED, reason: `reservationId is ${held.status}, not held`, details: { field: 'reservationId', reason: held.status } };
  }
  const inCart = new Set(cart.lines.map((l) => l.sku));
  const shared = held.items.find((i) => inCart.has(i.sku));
  if (!shared) {
    return { code: FailureCode.RESERVATION_REFUSED, reason: 'reservationId holds none of the cart\'s SKUs', details: { field: 'reservationId', reason: 'other_skus' } };
  }
  return { sku: shared.sku };
}

export function isSagaFailure(value: { sku: string } | SagaFailure): value is SagaFailure {
  return 'code' in value;
}
