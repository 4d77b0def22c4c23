import { FailureCode } from '@shop/contracts';
import type { Pricing } from '../../application/upstreams.js';
import { failed, succeeded, type SagaStep } from '../saga-step.js';

/**
 * The sale is made (after commit_stock): the held coupon use becomes a used one. Retried until
 * pricing answers; a hold pricing already released (it expired while the saga waited) cannot be
 * consumed without exceeding the coupon's limit, so the saga waits for an admin (dead) rather
 * than count a use pricing gave to someone else.
 */
export function consumeCouponStep(deps: { pricing: Pricing }): SagaStep {
  return {
    async invoke(checkout) {
      if (!checkout.quote?.couponCode) return succeeded();
      const answer = await deps.pricing.consumeCouponHold(checkout.id);
      if (answer.kind === 'settled') return succeeded();
      if (answer.code === FailureCode.COUPON_HOLD_RELEASED || answer.code === FailureCode.NOT_FOUND) {
        return failed(FailureCode.COUPON_HOLD_RELEASED, `coupon ${checkout.quote.couponCode}: ${answer.code}: ${answer.message}`);
      }
      throw new Error(`pricing refused to consume the coupon hold: ${answer.code}: ${answer.message}`);
    },
  };
}
