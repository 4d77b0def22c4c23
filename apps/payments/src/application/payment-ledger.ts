import type { PaymentRecord, PaymentRowStatus } from '../domain/checkout.js';

/** What the capture step needs: the payment row of a checkout. */
export interface PaymentReader {
  ofCheckout(checkoutId: string): Promise<PaymentRecord | null>;
}

/**
 * The platform's payment rows: written with the saga's transitions (CheckoutStore), read here,
 * and moved on when money goes back outside the saga (an order undone later).
 */
export interface PaymentLedger extends PaymentReader {
  setStatus(checkoutId: string, status: PaymentRowStatus): Promise<void>;
}
