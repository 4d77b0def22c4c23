import type { Reservation } from '@shop/contracts';

/**
 * A sale page's "Buy now" holds one unit and puts it in a cart of its own (`POST /api/sales/hold`),
 * so checkout buys that unit alone and the shopper's cart stays as it is. No schemas here: the
 * sale page (a client component) builds its checkout link with this.
 */

/**
 * What `POST /api/sales/hold` answers: the hold, and the Buy now cart that holds its unit;
 * `existing`: a hold of this browser still live, answered instead of holding another unit (200);
 * `heldUnits`: the live Buy now holds of this SKU this browser knows of, this one included.
 */
export type BuyNowHold = Reservation & { buyNowCartId: string; existing?: boolean; heldUnits?: number };

/** The checkout's query parameters: a sale page's hold and when it ends, the Buy now cart, the sale to go back to. */
export const CHECKOUT_QUERY = { hold: 'hold', until: 'until', cart: 'buy', sale: 'sale' } as const;

export interface CheckoutLink {
  holdId?: string | null;
  /** When the hold ends (ISO), for the "held for about N more minutes" line. */
  until?: string | null;
  /** The Buy now cart to check out instead of the shopper's cart. */
  cartId?: string | null;
  saleId?: string | null;
}

/** `/checkout?hold=…&until=…&buy=…&sale=…`, each part when there is one (the hold first, as its older links have it). */
export function checkoutHref(link: CheckoutLink): string {
  const query = new URLSearchParams();
  if (link.holdId) query.set(CHECKOUT_QUERY.hold, link.holdId);
  if (link.until) query.set(CHECKOUT_QUERY.until, link.until);
  if (link.cartId) query.set(CHECKOUT_QUERY.cart, link.cartId);
  if (link.saleId) query.set(CHECKOUT_QUERY.sale, link.saleId);
  const search = query.toString();
  return search ? `/checkout?${search}` : '/checkout';
}
