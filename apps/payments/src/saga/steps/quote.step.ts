import { FailureCode } from '@shop/contracts';
import { cartIsPriced, quoteCart } from '../../domain/checkout-quote.js';
import type { CartClient } from '../../adapters/cart-client.js';
import type { CatalogClient } from '../../adapters/catalog-client.js';
import { failed, succeeded, type SagaStep } from '../saga-step.js';

/**
 * Lock the quote: the cart's lines at the catalog's list prices now (the pricing service will
 * sign quotes later). The cart re-prices its lines through the catalog when read, so its answer
 * is used as is; only when the cart could not ask the catalog (unverified lines) does the quote
 * ask the catalog itself (`/internal/catalog/variants?skus=`). Nothing to undo: it only reads. A replay keeps
 * the quote locked first.
 */
export function quoteStep(deps: { cart: CartClient; catalog: CatalogClient }): SagaStep {
  return {
    async invoke(checkout) {
      if (checkout.quote) return succeeded();
      const cart = await deps.cart.get(checkout.cartId, checkout.customerId);
      if (!cart) return failed(FailureCode.CART_NOT_FOUND, `cart ${checkout.cartId} does not exist or is not this customer's`);
      const result =
        cart.lines.length === 0 || cartIsPriced(cart) ? quoteCart(cart) : quoteCart(cart, await deps.catalog.variants(cart.lines.map((l) => l.sku)));
      if ('failure' in result) return failed(result.failure.code, result.failure.reason);
      return succeeded({ patch: { quote: result.quote, currency: result.quote.currency } });
    },
  };
}
