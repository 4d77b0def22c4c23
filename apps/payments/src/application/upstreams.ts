import type { CartContentsAnswer, RemovePurchasedAnswer, RemovePurchasedBody, CouponHold, CreateOrderBody, OrderHead, OrderPaymentClaim, OrderStatus, Quote, QuoteRequest, Reservation, ReservationItem, ReservationOutcome, VerifyQuoteAnswer } from '@shop/contracts';
import type { HeldReservationView } from '../domain/reservation-swap.js';

/*
 * The services the checkout saga calls, as its steps need them. A refusal (the other service
 * said no) is an answer; "no answer" (down, too slow, 5xx) is thrown and the step is retried.
 */

/** Another service refused (a 4xx with the platform's error body). */
export interface UpstreamRefusal {
  kind: 'refused';
  status: number;
  code: string;
  message: string;
  details: unknown;
}

/** The cart service: the customer's cart, read as that customer (null: a guest cart, read by its id). */
export interface Carts {
  /** What the cart holds as stored (no catalog check, no price); null when it does not exist or belongs to someone else. */
  contents(cartId: string, customerId: string | null): Promise<CartContentsAnswer | null>;
  /** Takes a confirmed checkout's items out of its cart, once per checkout; `gone` when the cart no longer exists (or is not the owner's). */
  removePurchased(cartId: string, body: RemovePurchasedBody): Promise<{ kind: 'removed'; answer: RemovePurchasedAnswer } | { kind: 'gone' }>;
}

/** Inventory's per-customer sale limits, as the checkout asks before letting a guest buy. */
export interface SaleLimits {
  /** The SKUs among `skus` that have a sale limit whose window has not ended at `now`. */
  limitedSkus(skus: readonly string[], now: Date): Promise<string[]>;
}

/** Orders' answer, as far as the saga reads an order (its head: id, number, status, total...). */
export type OrderAnswer = { kind: 'ok'; order: OrderHead } | UpstreamRefusal;
export type OrderClaimAnswer = { kind: 'ok'; claim: OrderPaymentClaim } | UpstreamRefusal;

/** The orders service: create (idempotent per checkout id) and compare-and-set transitions. */
export interface Orders {
  create(body: CreateOrderBody): Promise<OrderAnswer>;
  /** `from` makes it compare-and-set; already in `to` answers ok unchanged. */
  transition(orderId: string, change: { to: OrderStatus; from?: OrderStatus; reason?: string; actor: string }): Promise<OrderAnswer>;
  /**
   * At the pivot: claims the order for this checkout's payment (a conditional write in orders, so an
   * admin's cancel cannot land between it and confirm_order). The same checkout again: ok. A
   * refusal ORDER_NOT_PAYABLE (details: the order's status and cancel reason) when it no longer awaits it.
   */
  claimPayment(orderId: string, checkoutId: string): Promise<OrderClaimAnswer>;
}

export type ReserveAnswer = { kind: 'reserved'; reservation: Reservation } | UpstreamRefusal;
export type FinishAnswer = { kind: 'finished'; outcome: ReservationOutcome } | UpstreamRefusal;

/** The inventory service's reservations. */
export interface StockReservations {
  /** The idempotency key (the checkout id) makes a retry answer the same reservation or refusal. */
  reserve(
    request: { items: ReservationItem[]; customerId: string; ttlSeconds: number; limitKeys: string[]; replaces?: string },
    idempotencyKey: string,
  ): Promise<ReserveAnswer>;
  /** A reservation as it stands (owner, status, items); null when inventory does not know it. */
  reservation(reservationId: string): Promise<HeldReservationView | null>;
  /** The reserved units are sold. */
  commit(reservationId: string): Promise<FinishAnswer>;
  /** The stock returns (the compensation of reserve). */
  release(reservationId: string): Promise<FinishAnswer>;
}

export type QuoteAnswer = { kind: 'quoted'; quote: Quote } | UpstreamRefusal;
export type CouponHoldAnswer = { kind: 'held'; hold: CouponHold } | UpstreamRefusal;
export type CouponSettleAnswer = { kind: 'settled'; hold: CouponHold | null } | UpstreamRefusal;

/** The pricing service: signed quotes and the coupon uses a checkout holds. */
export interface Pricing {
  /** Pricing's quote of these lines now, for this customer (their group's price lists, their coupon limits). */
  quote(request: QuoteRequest, customerId: string): Promise<QuoteAnswer>;
  /** Whether a quote is pricing's own, untampered and unexpired. */
  verify(quote: Quote): Promise<VerifyQuoteAnswer>;
  /** Holds one use of a coupon for this checkout (idempotent by checkout id). */
  holdCoupon(code: string, hold: { checkoutId: string; customerId: string; ttlSeconds: number }): Promise<CouponHoldAnswer>;
  /** The held use becomes used (idempotent). */
  consumeCouponHold(checkoutId: string): Promise<CouponSettleAnswer>;
  /** The held use is given back (idempotent). */
  releaseCouponHold(checkoutId: string): Promise<CouponSettleAnswer>;
}
