import type { Carts } from '../../application/upstreams.js';
import { cartOwnerOf } from '../../domain/guest-checkout.js';
import { required, succeeded, type SagaStep } from '../saga-step.js';

/**
 * Take what was bought out of the cart it came from: the quote's SKUs and quantities, once (the
 * cart remembers the checkout id, so a retried or replayed step removes nothing more), leaving
 * what the shopper added or raised during payment. Last, after the capture: an unreachable cart
 * never holds up the money; it is retried, then waits for an admin. A cart that is gone (expired,
 * merged into the customer's own on login) has nothing left to take out.
 */
export function clearCartStep(deps: { cart: Carts }): SagaStep {
  return {
    async invoke(checkout) {
      const quote = required(checkout.quote, 'quote');
      await deps.cart.removePurchased(checkout.cartId, {
        checkoutId: checkout.id,
        customerId: cartOwnerOf(checkout),
        items: quote.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      });
      return succeeded();
    },
  };
}
