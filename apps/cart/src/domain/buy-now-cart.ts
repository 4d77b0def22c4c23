import { addItem, newCart, type CartError, type CartLimits, type CartState, type Offer } from './cart.js';

/** What one "Buy now" buys: the one unit a sale page holds. */
export const BUY_NOW_QUANTITY = 1;

/**
 * The cart of one "Buy now": one unit of the offered SKU, bound to the customer, in a cart of its
 * own. It starts empty, so nothing of the customer's own cart comes along (no other line, no
 * coupon), and checking it out takes nothing out of that cart either.
 */
export function buyNowCart(id: string, customerId: string, currency: string, offer: Offer, limits: CartLimits, now: Date): CartState | CartError {
  return addItem(newCart(id, customerId, currency, now), offer, BUY_NOW_QUANTITY, limits, now);
}
