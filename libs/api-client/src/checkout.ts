import type { CheckoutBody, Quote } from '@shop/contracts';

/** Test cards of the simulated payment provider (contracts' `PaymentToken`); a demo shop offers these. */
export const TEST_PAYMENT_TOKENS = ['tok_approve', 'tok_decline'] as const;
export type TestPaymentToken = (typeof TEST_PAYMENT_TOKENS)[number];

/**
 * `POST /api/checkout` with what the pricing checkout adds: the shopper's own hold from a sale page
 * (`reservationId`, swapped into the saga's reservation) and the signed quote the shopper saw
 * (`quote`; a changed price answers 409 PRICE_CHANGED with the new quote).
 */
export type CheckoutRequest = CheckoutBody & { reservationId?: string; quote?: Quote };
