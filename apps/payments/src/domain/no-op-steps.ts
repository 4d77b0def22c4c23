import type { CheckoutStepName } from '@shop/contracts';
import type { CheckoutPatch, CheckoutRecord } from './checkout.js';

/** What decides whether a step has anything to do: the facts the checkout has learned so far. */
export type NoOpFacts = Pick<CheckoutRecord, 'quote' | 'orderStatus'>;

/**
 * Whether a step's invoke has nothing to do for this checkout: it would succeed without calling
 * anyone. Such a step is recorded as succeeded in the transition of the step before it, so the
 * saga spends no statement of its own on it. The steps check the same facts (a saga resumed AT
 * such a step still runs it, cheaply).
 */
export function invokeIsNoOp(step: CheckoutStepName, facts: NoOpFacts): boolean {
  switch (step) {
    case 'hold_coupon':
    case 'consume_coupon':
      return !facts.quote?.couponCode;
    case 'await_payment':
      // create_order saw the order created ready for payment.
      return facts.orderStatus === 'AWAITING_PAYMENT';
    default:
      return false;
  }
}

/** Whether a step's compensation has nothing to undo: only a quote with a coupon held a use. */
export function compensationIsNoOp(step: CheckoutStepName, facts: NoOpFacts): boolean {
  return step === 'hold_coupon' && !facts.quote?.couponCode;
}

/** The facts once a step's patch is saved (the store never overwrites a value already set). */
export function factsAfter(facts: NoOpFacts, patch: CheckoutPatch | undefined): NoOpFacts {
  return {
    quote: facts.quote ?? patch?.quote ?? null,
    orderStatus: facts.orderStatus ?? patch?.orderStatus ?? null,
  };
}
