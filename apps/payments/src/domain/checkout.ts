import type {
  CheckoutQuote,
  Quote,
  CheckoutState,
  CheckoutStepName,
  CheckoutStepStatus,
  ShippingAddress,
} from '@shop/contracts';
import type { SagaFailure } from './checkout-saga.js';

/*
 * The checkout saga's records, as the use cases and steps see them. Where they are stored
 * (Postgres, adapters/checkout.repository.ts) is the store's business, not theirs.
 */

/** A checkout row, as the saga reads it. */
export interface CheckoutRecord {
  id: string;
  idempotencyKey: string;
  requestHash: string;
  /** The account; for a guest, `guestOwnerId(cartId)` (see guest-checkout.ts). */
  customerId: string;
  cartId: string;
  /** Bought without an account: the order has no customer, only the email. */
  guest: boolean;
  /** The shopper's email for the order (the account's or the guest's); null when the gateway sent none. */
  email: string | null;
  state: CheckoutState;
  currentStep: CheckoutStepName | null;
  deadFrom: CheckoutState | null;
  shippingAddress: ShippingAddress;
  paymentMethod: string;
  paymentToken: string;
  quote: CheckoutQuote | null;
  /** The signed pricing quote the shopper sent, if any (the quote step charges it when it still holds). */
  offeredQuote: Quote | null;
  /** The shopper's own held reservation to turn into the checkout's, if any. */
  replacesReservationId: string | null;
  currency: string | null;
  amount: number | null;
  reservationId: string | null;
  orderId: string | null;
  /** "SO-000123", once the order exists (the 202 names it: a guest reads the order back by it). */
  orderNumber: string | null;
  /** The order's status as create_order's answer showed it (AWAITING_PAYMENT: await_payment has nothing to do). */
  orderStatus: string | null;
  paymentId: string | null;
  /** The provider's reference of the payment (its charge), once authorized: what the capture names. */
  paymentRef: string | null;
  failureCode: string | null;
  failureReason: string | null;
  /** What the shopper needs to act on the failure (PRICE_CHANGED: `{ quote }`). */
  failureDetails: Record<string, unknown> | null;
  attempts: number;
  /** Attempts of the step in progress (above 1: an earlier attempt may have reached the other side). */
  stepAttempts: number;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface CheckoutStepRecord {
  step: CheckoutStepName;
  status: CheckoutStepStatus;
  attempts: number;
  lastError: string | null;
  updatedAt: Date;
}

export interface NewCheckout {
  id: string;
  idempotencyKey: string;
  requestHash: string;
  customerId: string;
  cartId: string;
  guest: boolean;
  email: string | null;
  shippingAddress: ShippingAddress;
  paymentMethod: string;
  paymentToken: string;
  offeredQuote?: Quote;
  replacesReservationId?: string;
  /** The first step, recorded as started (its first attempt is the request's). */
  firstStep: CheckoutStepName;
}

/** Facts a step learned, kept on the checkout (a value already set is never overwritten). */
export interface CheckoutPatch {
  quote?: CheckoutQuote;
  currency?: string;
  amount?: number;
  reservationId?: string;
  orderId?: string;
  orderNumber?: string;
  /** The order's status as create_order's answer showed it. */
  orderStatus?: string;
  paymentId?: string;
}

export type PaymentRowStatus = 'pending' | 'authorized' | 'declined' | 'captured' | 'voided' | 'refunded';

/** The platform's record of the payment, written with the saga transition that learned it. */
export interface PaymentWrite {
  id: string;
  provider: string;
  providerRef: string | null;
  authorizationKey: string;
  status: PaymentRowStatus;
  amount: number;
  currency: string;
  declineCode: string | null;
}

export interface StepWrite {
  step: CheckoutStepName;
  status: CheckoutStepStatus;
  /** 1 when this write starts an attempt of the step. */
  attemptsDelta: number;
  lastError?: string | null;
}

/** One compare-and-set transition of a saga: the checkout, its step records and its payment together. */
export interface CheckoutChange {
  state: CheckoutState;
  currentStep: CheckoutStepName | null;
  deadFrom: CheckoutState | null;
  failure?: SagaFailure;
  patch?: CheckoutPatch;
  /** Attempts this change starts, all steps together (a new current step starts with its own record's). */
  attemptsDelta: number;
  steps: StepWrite[];
  payment?: PaymentWrite;
}

/** The platform's record of a checkout's payment. */
export interface PaymentRecord extends PaymentWrite {
  checkoutId: string;
  /** Given back so far (refunds after checkout add up). */
  refundedAmount: number;
}
