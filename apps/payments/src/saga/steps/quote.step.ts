import { FailureCode, type CartContentsAnswer } from '@shop/contracts';
import { cartRefusal, decideQuote, quoteRequestOf, type CartContents } from '../../domain/checkout-quote.js';
import { isSagaFailure, replacementSku } from '../../domain/reservation-swap.js';
import type { Carts, Pricing, SaleLimits, StockReservations } from '../../application/upstreams.js';
import { cartOwnerOf, guestRefusal, shopperOf } from '../../domain/guest-checkout.js';
import { failed, succeeded, type SagaStep } from '../saga-step.js';

/**
 * Lock the quote: pricing's signed quote of the cart's lines and coupon for this customer, or —
 * when the shopper sent the quote they saw — that quote, verified by pricing and still at pricing's
 * total now (else PRICE_CHANGED with the new quote; see `decideQuote`). A shopper's held
 * reservation to swap in is checked here too (theirs, held, for a SKU of the cart), so every
 * refusal comes before any order. Nothing to undo: it only reads. Pricing unreachable is thrown:
 * the request answers 503 and nothing is created. A replay keeps the quote locked first.
 */
export function quoteStep(deps: {
  cart: Carts;
  pricing: Pricing;
  inventory: Pick<StockReservations, 'reservation'> & SaleLimits;
  now: () => Date;
}): SagaStep {
  return {
    async invoke(checkout) {
      if (checkout.quote) return succeeded();
      const found = await deps.cart.contents(checkout.cartId, cartOwnerOf(checkout));
      if (!found) return failed(FailureCode.CART_NOT_FOUND, `cart ${checkout.cartId} does not exist or is not this customer's`);
      const cart = cartContents(found);
      const refusal = cartRefusal(cart);
      if (refusal) return failed(refusal.code, refusal.reason);

      let firstSku: string | undefined;
      if (checkout.replacesReservationId) {
        const swap = replacementSku(await deps.inventory.reservation(checkout.replacesReservationId), shopperOf(checkout), cart);
        if (isSagaFailure(swap)) return failedWith(swap);
        firstSku = swap.sku;
      }

      const offered = checkout.offeredQuote;
      const skus = cart.lines.map((l) => l.sku);
      const [answer, verdict, limited] = await Promise.all([
        deps.pricing.quote(quoteRequestOf(cart), shopperOf(checkout)),
        offered ? deps.pricing.verify(offered) : Promise.resolve(undefined),
        // Only a guest is asked about: an account may buy limited SKUs (inventory counts its allowance).
        checkout.guest ? deps.inventory.limitedSkus(skus, deps.now()) : Promise.resolve([]),
      ]);
      if (answer.kind === 'refused') return pricingRefused(answer.code, answer.message);
      if (checkout.guest) {
        // Before anything is held or charged: the quote step runs first, in the request.
        const refusal = guestRefusal([...answer.quote.lines, ...(offered?.lines ?? [])], limited);
        if (refusal) return failedWith(refusal);
      }
      const decision = decideQuote({ cart, current: answer.quote, offered: offered && verdict ? { quote: offered, verdict } : undefined, firstSku });
      if ('failure' in decision) return failedWith(decision.failure);
      return succeeded({ patch: { quote: decision.quote, currency: decision.quote.currency } });
    },
  };
}

function failedWith(failure: { code: Parameters<typeof failed>[0]; reason: string; details?: Record<string, unknown> }) {
  return failed(failure.code, failure.reason, 'none', {}, failure.details);
}

/**
 * Pricing would not quote the cart: the shopper must fix it (a SKU no longer sold). A coupon that
 * does not apply is no refusal: the quote says so (`couponRejection`) and `decideQuote` decides.
 */
function pricingRefused(code: string, message: string) {
  if (code === FailureCode.CURRENCY_MISMATCH) return failed(FailureCode.CURRENCY_MISMATCH, message);
  if (code === FailureCode.SKU_UNAVAILABLE || code === FailureCode.UNKNOWN_SKU || code === FailureCode.NOT_FOUND) {
    return failed(FailureCode.SKU_UNAVAILABLE, message);
  }
  return failed(FailureCode.ORDER_REFUSED, `pricing refused to quote the cart: ${code}: ${message}`);
}

/** What the quote needs of the cart; the coupon the shopper applied, when the cart carries one. */
export function cartContents(cart: CartContentsAnswer): CartContents {
  return {
    currency: cart.currency,
    // A coupon the cart shows as not applying is still asked for: the quote then says why, and the
    // checkout charges the total without it only to a shopper who was shown that total.
    couponCode: cart.couponCode?.toUpperCase() ?? null,
    lines: cart.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, productTitle: l.productTitle, title: l.title })),
  };
}
