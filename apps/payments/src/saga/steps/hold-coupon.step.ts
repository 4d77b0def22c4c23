import { shopperOf } from '../../domain/guest-checkout.js';
import { FailureCode } from '@shop/contracts';
import type { Pricing } from '../../application/upstreams.js';
import type { CheckoutRecord } from '../../domain/checkout.js';
import { compensated, failed, succeeded, type InvokeOutcome, type SagaStep } from '../saga-step.js';

/**
 * Hold one use of the quote's coupon, like stock, before any order exists: a checkout that loses
 * the race for the last use (or whose coupon ended since its quote) is refused, nothing created,
 * nothing charged, never at the undiscounted price unasked. A shopper who sent the quote they saw
 * gets 409 PRICE_CHANGED with pricing's quote now (without the coupon, saying why) to confirm, as
 * for any price that moved; without one, COUPON_EXHAUSTED / COUPON_INVALID. The checkout id is the
 * hold's key, so a retry holds once. Undone by releasing the hold (idempotent); a saga that dies
 * holding it lets it expire in pricing after `ttlSeconds`. No coupon: nothing to hold.
 */
export function holdCouponStep(deps: { pricing: Pricing; ttlSeconds: number }): SagaStep {
  return {
    async invoke(checkout) {
      const code = checkout.quote?.couponCode;
      if (!code) return succeeded();
      const answer = await deps.pricing.holdCoupon(code, { checkoutId: checkout.id, customerId: shopperOf(checkout), ttlSeconds: deps.ttlSeconds });
      if (answer.kind === 'held') {
        if (answer.hold.status !== 'released') return succeeded();
        // A replay long after: pricing gave this checkout's use back (it expired) — the price no longer holds.
        return failed(FailureCode.COUPON_EXHAUSTED, `coupon ${code}: this checkout's hold was released`, 'none', {}, { couponCode: code, reason: 'released' });
      }
      const details = detailsOf(answer.details);
      if (answer.code === FailureCode.COUPON_EXHAUSTED || (answer.code === FailureCode.COUPON_INVALID && details?.reason === 'exhausted')) {
        return (await requotedWithoutCoupon(deps.pricing, checkout, code)) ?? failed(FailureCode.COUPON_EXHAUSTED, `coupon ${code}: ${answer.message}`, 'none', {}, { ...details, couponCode: code });
      }
      if (answer.code === FailureCode.COUPON_INVALID) {
        return (await requotedWithoutCoupon(deps.pricing, checkout, code)) ?? failed(FailureCode.COUPON_INVALID, `coupon ${code}: ${answer.message}`, 'none', {}, { ...details, couponCode: code });
      }
      throw new Error(`pricing refused the coupon hold: ${answer.code}: ${answer.message}`);
    },

    async compensate(checkout) {
      // Released even when no coupon is known yet would be a no-op; only a quote with a coupon held one.
      if (!checkout.quote?.couponCode) return compensated();
      const answer = await deps.pricing.releaseCouponHold(checkout.id);
      if (answer.kind === 'settled' || answer.code === FailureCode.NOT_FOUND) return compensated();
      throw new Error(`pricing refused to release the coupon hold: ${answer.code}: ${answer.message}`);
    },
  };
}

function detailsOf(details: unknown): Record<string, unknown> | undefined {
  return typeof details === 'object' && details !== null && !Array.isArray(details) ? (details as Record<string, unknown>) : undefined;
}

/**
 * The coupon was lost after the quote step locked it. When the shopper sent the quote they saw,
 * they can confirm a new total: PRICE_CHANGED with pricing's quote of the same lines now, which
 * leaves the coupon out and says why. Null (refuse as before) for a checkout without a quote, or
 * when pricing's quote now still applies the coupon (nothing to confirm).
 */
async function requotedWithoutCoupon(pricing: Pricing, checkout: CheckoutRecord, code: string): Promise<InvokeOutcome | null> {
  const offered = checkout.offeredQuote;
  const locked = checkout.quote;
  if (!offered || !locked) return null;
  // Pricing not answering is thrown, as in every step: the retry (the same key) holds nothing twice and asks again.
  const answer = await pricing.quote(
    { lines: locked.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), couponCode: code, currency: locked.currency },
    shopperOf(checkout),
  );
  if (answer.kind !== 'quoted') return null;
  const current = answer.quote;
  const rejection = current.couponRejection;
  if (!rejection) return null;
  return failed(
    FailureCode.PRICE_CHANGED,
    `coupon ${code} does not apply any more (${rejection.reason}): ${offered.total.amount} → ${current.total.amount} ${current.currency} (minor units)`,
    'none',
    {},
    { quote: current, previousTotal: offered.total },
  );
}
