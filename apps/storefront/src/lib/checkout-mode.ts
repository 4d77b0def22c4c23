import { CartId, Id, ReservationId } from '@shop/contracts';
import { CHECKOUT_QUERY, checkoutHref } from './buy-now';

type Query = Record<string, string | string[] | undefined>;

/** What a checkout link says beyond "check out my cart". */
export interface CheckoutMode {
  /** A sale page's hold, which the checkout takes over (`until`: when it ends, ms; null when not said). */
  hold: { id: string; until: number | null } | null;
  /**
   * A sale page's Buy now: check out this cart (the held unit alone) instead of the shopper's cart,
   * and offer the way back to the sale. Whose cart it is, the cart service decides (404 for anyone else's).
   */
  buyNow: { cartId: string; saleId: string | null } | null;
}

function single(query: Query, name: string): string | null {
  const value = query[name];
  return typeof value === 'string' ? value : null;
}

/** Reads the checkout's query; a value that is not well formed counts as absent. */
export function checkoutModeFrom(query: Query): CheckoutMode {
  const holdId = single(query, CHECKOUT_QUERY.hold);
  const until = Date.parse(single(query, CHECKOUT_QUERY.until) ?? '');
  const cartId = single(query, CHECKOUT_QUERY.cart);
  const saleId = single(query, CHECKOUT_QUERY.sale);
  return {
    hold: holdId !== null && ReservationId.safeParse(holdId).success ? { id: holdId, until: Number.isNaN(until) ? null : until } : null,
    buyNow: cartId !== null && CartId.safeParse(cartId).success ? { cartId, saleId: saleId !== null && Id.safeParse(saleId).success ? saleId : null } : null,
  };
}

/** The checkout link of `mode` again: where signing in sends the shopper back to. */
export function checkoutHrefOf(mode: CheckoutMode): string {
  return checkoutHref({
    holdId: mode.hold?.id,
    until: mode.hold?.until != null ? new Date(mode.hold.until).toISOString() : null,
    cartId: mode.buyNow?.cartId,
    saleId: mode.buyNow?.saleId,
  });
}
