import type { Cart, CreateOrderBody, Order, OrderStatus, Reservation, ReservationItem, ReservationOutcome, VariantView } from '@shop/contracts';

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

/** The cart service: the customer's cart, read as that customer. */
export interface Carts {
  /** Null when it does not exist or belongs to someone else. */
  get(cartId: string, customerId: string): Promise<Cart | null>;
}

/** The catalog: what it knows about these SKUs (unknown ones are absent). */
export interface VariantCatalog {
  variants(skus: readonly string[]): Promise<Map<string, VariantView>>;
}

export type OrderAnswer = { kind: 'ok'; order: Order } | UpstreamRefusal;

/** The orders service: create (idempotent per checkout id) and compare-and-set transitions. */
export interface Orders {
  create(body: CreateOrderBody): Promise<OrderAnswer>;
  /** `from` makes it compare-and-set; already in `to` answers ok unchanged. */
  transition(orderId: string, change: { to: OrderStatus; from?: OrderStatus; reason?: string; actor: string }): Promise<OrderAnswer>;
  get(orderId: string): Promise<Order | null>;
}

export type ReserveAnswer = { kind: 'reserved'; reservation: Reservation } | UpstreamRefusal;
export type FinishAnswer = { kind: 'finished'; outcome: ReservationOutcome } | UpstreamRefusal;

/** The inventory service's reservations. */
export interface StockReservations {
  /** The idempotency key (the checkout id) makes a retry answer the same reservation or refusal. */
  reserve(request: { items: ReservationItem[]; customerId: string; ttlSeconds: number; limitKeys: string[] }, idempotencyKey: string): Promise<ReserveAnswer>;
  /** The reserved units are sold. */
  commit(reservationId: string): Promise<FinishAnswer>;
  /** The stock returns (the compensation of reserve). */
  release(reservationId: string): Promise<FinishAnswer>;
}
