import type { OrderLineQuantity } from '@shop/contracts';
import type { PaymentRecord } from '../domain/checkout.js';

/** What the capture step needs: the payment row of a checkout. */
export interface PaymentReader {
  ofCheckout(checkoutId: string): Promise<PaymentRecord | null>;
}

/** The order a payment change is about, as its events name it. */
export interface PaymentOrderRef {
  id: string;
  number: string;
}

/** Money given back by the provider, to record once. */
export interface RefundRecord {
  /** The provider idempotency key the refund was made with: the record's key. */
  key: string;
  payment: PaymentRecord;
  order: PaymentOrderRef;
  /** The order's refund record, when the refund is one (a cancel is not). */
  refundId: string | null;
  amount: number;
  reason: string | null;
  lines: OrderLineQuantity[];
}

/**
 * The platform's payment rows: written with the saga's transitions (CheckoutStore), read here,
 * and moved on when money goes back outside the saga (an order refunded or cancelled later).
 * Each such change is written with its `payments.payment.*` event in one transaction, once.
 */
export interface PaymentLedger extends PaymentReader {
  /** Adds a refund to the payment (`refunded` once all of it is back) with its event; false when the key was recorded already. */
  recordRefund(refund: RefundRecord): Promise<boolean>;
  /** Marks the authorization voided with its event; false when it was voided already. */
  recordVoid(payment: PaymentRecord, order: PaymentOrderRef, reason: string | null): Promise<boolean>;
}
