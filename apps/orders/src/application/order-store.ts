import type { EventEnvelope, Order, OrderLineQuantity, OrderStatus, OrderSummary, ShippingAddress } from '@shop/contracts';
import type { PrismaClient, Tx } from '@shop/persistence';
import type { DiscountInput, PricedLine } from '../domain/order-totals.js';

/** Everything a new order is written with; the number comes from the database sequence. */
export interface NewOrder {
  id: string;
  checkoutId: string;
  /** Null for a guest's order. */
  customerId: string | null;
  email: string | null;
  currency: string;
  lines: PricedLine[];
  subtotal: number;
  discounts: DiscountInput[];
  discountTotal: number;
  shipping: number;
  total: number;
  shippingAddress: ShippingAddress;
  actor: string;
  at: Date;
}

/** An event a write records in the outbox with the change (published if and only if it commits). */
export interface OutboxWrite {
  envelope: EventEnvelope;
  source: string;
  /** NOTIFY waiting relays at commit. */
  notify: boolean;
}

export interface StatusWrite {
  id: string;
  /** The version the decision was made on: the write happens only if the order is still there. */
  expectedVersion: number;
  from: OrderStatus;
  to: OrderStatus;
  reason: string | null;
  actor: string;
  at: Date;
}

/** The checkout's claim on its order's payment. */
export interface PaymentClaimWrite {
  /** The order's id. */
  id: string;
  checkoutId: string;
  at: Date;
}

/** A refund to record, decided on the order at `expectedVersion`. */
export interface RefundWrite {
  orderId: string;
  expectedVersion: number;
  /** The status the decision was made on; with `final`, the order moves from it to REFUNDED. */
  from: OrderStatus;
  refundId: string;
  amount: number;
  lines: OrderLineQuantity[];
  final: boolean;
  reason: string;
  actor: string;
  idempotencyKey: string | null;
  at: Date;
}

export interface OrderListFilter {
  customerId?: string;
  /** Lowercase, as stored. */
  email?: string;
  status?: OrderStatus;
  /** The order number's sequence value (SO-000123 is 123). */
  numberSeq?: number;
  from?: Date;
  to?: Date;
  limit: number;
  cursor?: string;
}

/** A listing cursor that does not belong to this listing. */
export class InvalidCursorError extends Error {}

/**
 * Orders, their lines and status history. A change and its outbox rows are one statement (or, for
 * refunds, one transaction), so an event is recorded if and only if its change commits.
 */
export interface OrderStore {
  /** By id (UUID) or number ("SO-000123"); `customerId` restricts to that customer's orders. */
  find(ref: string, customerId?: string, db?: PrismaClient | Tx): Promise<Order | null>;
  findByCheckoutId(checkoutId: string): Promise<Order | null>;
  /**
   * Inserts the order in the last of `statuses` (its history: each status it passed through), its
   * lines and `events`, at once; null when the checkout already has an order (nothing written).
   * Answers the sequence value of the order's number.
   */
  create(order: NewOrder, statuses: readonly { from: OrderStatus | null; to: OrderStatus }[], events: readonly OutboxWrite[]): Promise<number | null>;
  /** Compare-and-set on the order's version and status, with its history row and `event`, at once: false when it lost the race. */
  changeStatus(change: StatusWrite, event: OutboxWrite): Promise<boolean>;
  /**
   * Compare-and-set on the order's version and status: records the refund (and, when final, the
   * move to REFUNDED with its history row). The order after it, or null when it lost the race.
   */
  addRefund(tx: Tx, refund: RefundWrite): Promise<Order | null>;
  /** The refund an admin request with this Idempotency-Key made on the order, if any. */
  findRefundByKey(orderId: string, idempotencyKey: string): Promise<{ id: string } | null>;
  /**
   * As `find`, with when the order's checkout claimed it for its payment (null: unclaimed), which
   * the order itself shows only while it awaits its payment. One read.
   */
  findWithClaim(ref: string): Promise<{ order: Order; paymentClaimedAt: Date | null } | null>;
  /**
   * Marks the order claimed for its payment and moves its version on (so a change decided before
   * the claim loses its compare-and-set and decides again), in one conditional write: only if it is
   * this checkout's order, AWAITING_PAYMENT and unclaimed. Its id and the version it moved to, or null when it
   * is not (nothing written; read the order to say why).
   */
  claimPayment(claim: PaymentClaimWrite): Promise<{ id: string; version: number } | null>;
  /** Newest first, keyset-paginated; throws InvalidCursorError for a cursor of another listing. */
  list(filter: OrderListFilter): Promise<{ items: OrderSummary[]; nextCursor: string | null }>;
}
