/** Test cards of the simulated payment provider (contracts' `PaymentToken`); a demo shop offers these. */
export const TEST_PAYMENT_TOKENS = ['tok_approve', 'tok_decline'] as const;
export type TestPaymentToken = (typeof TEST_PAYMENT_TOKENS)[number];
