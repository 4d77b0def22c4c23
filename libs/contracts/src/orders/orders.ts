import { z } from 'zod';
import { FailureCode } from '../common/failure.js';
import { Sku } from '../catalog/catalog.js';
import { Currency } from '../common/money.js';
import { Cursor, Limit, pageOf } from '../common/pagination.js';
import { ShippingAddress } from './shipping-address.js';

/**
 * PENDING → AWAITING_PAYMENT → CONFIRMED → FULFILLED, with CANCELLED and REFUNDED.
 * The allowed transitions are the orders service's (apps/orders/src/domain/order-state-machine.ts).
 */
export const OrderStatus = z.enum(['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED', 'FULFILLED', 'CANCELLED', 'REFUNDED']);
export type OrderStatus = z.infer<typeof OrderStatus>;

/**
 * Cancel reasons the checkout saga uses. A reason is free text (an admin writes words), so these
 * are conventions for machines, not a closed list.
 */
export const OrderCancelReasonCode = z.enum([
  FailureCode.OUT_OF_STOCK, FailureCode.PAYMENT_DECLINED, FailureCode.PAYMENT_FAILED, FailureCode.PRICE_CHANGED, FailureCode.CHECKOUT_EXPIRED, 'CUSTOMER_REQUEST',
]);
export type OrderCancelReasonCode = z.infer<typeof OrderCancelReasonCode>;

/** "SO-000123": the human-friendly order number (at least six digits). */
export const OrderNumber = z.string().regex(/^SO-\d{6,}$/, 'must look like SO-000123');

/** A path parameter naming an order by id or by number. */
export const OrderRef = z
  .string()
  .refine(
    (v) => z.uuid().safeParse(v).success || OrderNumber.safeParse(v).success,
    'must be an order id (UUID) or an order number (SO-000123)',
  );

export const OrderStatusReason = z.string().trim().min(1).max(500);

/** An amount in integer minor units; 1,000,000.00 per unit is the most an order line accepts. */
const UnitPrice = z.number().int('must be an integer amount of minor units').min(0).max(100_000_000);
const Amount = z.number().int('must be an integer amount of minor units').min(0);

const OrderEmail = z.string().trim().toLowerCase().max(254).pipe(z.email('must be a valid email address'));

export const OrderLineInput = z
  .object({
    sku: Sku,
    name: z.string().trim().min(1).max(200),
    unitPrice: UnitPrice,
    quantity: z.number().int('must be an integer').min(1).max(1000),
  })
  .strict();
export type OrderLineInput = z.infer<typeof OrderLineInput>;

/**
 * A discount the order was sold with, as the pricing quote gave it: which promotion or coupon,
 * why, how much; `sku` when it was taken off one line (absent: off the cart or its shipping).
 */
export const OrderDiscount = z
  .object({
    source: z.enum(['promotion', 'coupon']),
    /** The promotion's id or the coupon's code. */
    sourceId: z.string().trim().min(1).max(200),
    label: z.string().trim().min(1).max(200),
    reason: z.string().trim().min(1).max(500),
    /** Minor units taken off (positive). */
    amount: Amount,
    sku: Sku.optional(),
  })
  .strict();
export type OrderDiscount = z.infer<typeof OrderDiscount>;

/** `POST /internal/orders` — the checkout saga creates the order; the same checkoutId gives the same order. */
export const CreateOrderBody = z
  .object({
    checkoutId: z.uuid(),
    /** Null for a guest's order (then `email` is how the shopper finds it again: GET /api/orders/lookup). */
    customerId: z.uuid().nullable(),
    email: OrderEmail.optional(),
    currency: Currency,
    lines: z
      .array(OrderLineInput)
      .min(1, 'an order needs at least one line')
      .max(100)
      .refine((lines) => new Set(lines.map((l) => l.sku)).size === lines.length, 'SKUs must be unique'),
    shippingAddress: ShippingAddress,
    /** Shipping in minor units; the service's flat fee when absent. */
    shipping: UnitPrice.optional(),
    /** The quote's discounts (lines, cart and shipping); total = subtotal − their sum + shipping. */
    discounts: z.array(OrderDiscount).max(200).optional(),
    /** When given, must equal the sum of `discounts` (the quote's own figure, checked). */
    discountTotal: Amount.optional(),
    /**
     * The status the order starts in (PENDING when absent). AWAITING_PAYMENT spares the checkout
     * saga a transition call; the history and the events still show PENDING first.
     */
    status: z.enum(['PENDING', 'AWAITING_PAYMENT']).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.discountTotal === undefined) return;
    const sum = (b.discounts ?? []).reduce((n, d) => n + d.amount, 0);
    if (sum !== b.discountTotal) ctx.addIssue({ code: 'custom', path: ['discountTotal'], message: `must equal the sum of discounts (${sum})` });
  });
export type CreateOrderBody = z.infer<typeof CreateOrderBody>;

const needsReason = (to: OrderStatus) => to === 'CANCELLED' || to === 'REFUNDED';

/**
 * `POST /internal/orders/:id/transitions`. `from` makes it compare-and-set: refused with 409
 * CONFLICT when the order is in another status. Already in `to` answers the order unchanged.
 */
export const TransitionOrderBody = z
  .object({
    to: OrderStatus,
    from: OrderStatus.optional(),
    reason: OrderStatusReason.optional(),
    actor: z.string().trim().min(1).max(100),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (needsReason(b.to) && !b.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: `is required to move an order to ${b.to}` });
  });
export type TransitionOrderBody = z.infer<typeof TransitionOrderBody>;

/**
 * `POST /internal/orders/:id/payment-claim` — the checkout saga, at its point of no return, claims
 * the order it created for its payment: a conditional write, not a read. From then on an admin
 * cannot cancel the order (409 ORDER_PAYMENT_IN_PROGRESS) until the saga confirms it (then it is
 * cancelled and refunded like any paid order) or cancels it itself (its compensation). The same
 * checkout claiming again gets 200; an order no longer awaiting its payment is 409
 * ORDER_NOT_PAYABLE with `OrderNotPayableDetails`.
 */
export const ClaimOrderPaymentBody = z.object({ checkoutId: z.uuid() }).strict();
export type ClaimOrderPaymentBody = z.infer<typeof ClaimOrderPaymentBody>;

/**
 * The 200 of a payment claim: the claim, not the order (the saga only needs to know it holds it,
 * and orders makes a first claim in one conditional write without reading the order).
 */
export const OrderPaymentClaim = z.object({
  id: z.uuid(),
  checkoutId: z.uuid(),
  status: OrderStatus,
  version: z.number().int(),
  paymentClaimedAt: z.iso.datetime(),
});
export type OrderPaymentClaim = z.infer<typeof OrderPaymentClaim>;

/** The details of a claim's 409 ORDER_NOT_PAYABLE: where the order is instead, and why when cancelled. */
export const OrderNotPayableDetails = z.object({ status: OrderStatus, cancelReason: z.string().nullable() });
export type OrderNotPayableDetails = z.infer<typeof OrderNotPayableDetails>;

/** `expectedVersion`: refuse with 409 CONFLICT if the order changed since the admin loaded it. */
const ExpectedVersion = z.number().int().min(1).optional();

export const CancelOrderBody = z.object({ reason: OrderStatusReason, expectedVersion: ExpectedVersion }).strict();
export type CancelOrderBody = z.infer<typeof CancelOrderBody>;

/** The reason a customer's own cancel records when they give none. */
export const CUSTOMER_CANCEL_REASON = 'Cancelled by the customer';

/**
 * `POST /api/orders/:ref/cancel`: a signed-in customer cancels their own order (body optional).
 * Without a reason the order says CUSTOMER_CANCEL_REASON; `expectedVersion` as for admins.
 */
export const CustomerCancelOrderBody = z.object({ reason: OrderStatusReason.optional(), expectedVersion: ExpectedVersion }).strict().optional();
export type CustomerCancelOrderBody = z.infer<typeof CustomerCancelOrderBody>;

/**
 * Why a customer cannot cancel an order themselves (409 NOT_CANCELLABLE, `details.why`): it
 * shipped, money was already refunded (a part or all of it: the shop settles the rest), its
 * checkout is completing the payment right now (try again in a moment), or it is cancelled.
 */
export const CustomerCancelBlock = z.enum(['SHIPPED', 'REFUNDED', 'PARTLY_REFUNDED', 'PAYMENT_IN_PROGRESS', 'CANCELLED']);
export type CustomerCancelBlock = z.infer<typeof CustomerCancelBlock>;

/** The details of a customer's 409 NOT_CANCELLABLE. */
export const CustomerCancelRefusalDetails = z.object({ status: OrderStatus, why: CustomerCancelBlock });
export type CustomerCancelRefusalDetails = z.infer<typeof CustomerCancelRefusalDetails>;

/**
 * What keeps a customer from cancelling their own order, or null when they may: before it ships
 * and before anything was refunded — while it awaits its payment (unless its checkout has claimed
 * it to complete the payment) and once it is confirmed (payments then voids or refunds the payment,
 * inventory restocks the units). The orders service decides with this rule; the storefront offers
 * the action by it.
 */
export function customerCancelBlock(order: { status: OrderStatus; refunds: readonly unknown[]; paymentClaimedAt?: string | Date | null }): CustomerCancelBlock | null {
  switch (order.status) {
    case 'FULFILLED':
      return 'SHIPPED';
    case 'REFUNDED':
      return 'REFUNDED';
    case 'CANCELLED':
      return 'CANCELLED';
    case 'AWAITING_PAYMENT':
      if (order.paymentClaimedAt) return 'PAYMENT_IN_PROGRESS';
      break;
    case 'PENDING':
    case 'CONFIRMED':
      break;
  }
  return order.refunds.length > 0 ? 'PARTLY_REFUNDED' : null;
}

export const RefundOrderBody = z.object({ reason: OrderStatusReason, expectedVersion: ExpectedVersion }).strict();
export type RefundOrderBody = z.infer<typeof RefundOrderBody>;

/** Units of one order line, by SKU (a refund's lines, a restock). */
export const OrderLineQuantity = z.object({ sku: Sku, quantity: z.number().int('must be an integer').min(1).max(1000) }).strict();
export type OrderLineQuantity = z.infer<typeof OrderLineQuantity>;

/**
 * `POST /api/admin/orders/:id/refunds`: refund some units of some lines (header `Idempotency-Key`
 * optional: the same key gives the same refund once). Each line at most what was bought and not
 * refunded yet; refunding everything left moves the order to REFUNDED.
 */
export const RefundLinesBody = z
  .object({
    lines: z
      .array(OrderLineQuantity)
      .min(1, 'name at least one line to refund')
      .max(100)
      .refine((lines) => new Set(lines.map((l) => l.sku)).size === lines.length, 'SKUs must be unique'),
    reason: OrderStatusReason,
    expectedVersion: ExpectedVersion,
  })
  .strict();
export type RefundLinesBody = z.infer<typeof RefundLinesBody>;

/**
 * Money given back for some units of an order, and those units restocked. `amount` is what the
 * units were paid: their part of their line's total less the discounts on its SKU (see
 * apps/orders/src/domain/order-refunds.ts); the refund that empties the order also returns what is
 * left of the total (shipping, rounding).
 */
export const OrderRefund = z.object({
  id: z.uuid(),
  amount: Amount,
  lines: z.array(OrderLineQuantity),
  reason: z.string(),
  /** "admin:<user id>" (just "admin" in customers' views). */
  actor: z.string(),
  at: z.iso.datetime(),
});
export type OrderRefund = z.infer<typeof OrderRefund>;

/** The body is optional. */
export const FulfilOrderBody = z.object({ expectedVersion: ExpectedVersion }).strict().optional();
export type FulfilOrderBody = z.infer<typeof FulfilOrderBody>;

export const OrderLine = z.object({
  sku: z.string(),
  name: z.string(),
  unitPrice: Amount,
  quantity: z.number().int(),
  lineTotal: Amount,
});
export type OrderLine = z.infer<typeof OrderLine>;

export const OrderStatusChange = z.object({
  /** Null for the change that created the order. */
  from: OrderStatus.nullable(),
  to: OrderStatus,
  reason: z.string().nullable(),
  /** "checkout", "admin:<user id>" (just "admin" in customers' views), or the internal caller. */
  actor: z.string(),
  at: z.iso.datetime(),
});
export type OrderStatusChange = z.infer<typeof OrderStatusChange>;

export const Order = z.object({
  id: z.uuid(),
  number: OrderNumber,
  /** Null for a guest's order. */
  customerId: z.uuid().nullable(),
  /** The shopper's email (the account's, or the one a guest gave); null only on orders from before it was recorded. */
  email: z.string().nullable(),
  status: OrderStatus,
  currency: Currency,
  lines: z.array(OrderLine),
  subtotal: Amount,
  /** Every discount the order was sold with (empty for orders before pricing quotes). */
  discounts: z.array(OrderDiscount).default([]),
  /** Sum of `discounts`; total = max(0, subtotal − discountTotal + shipping). */
  discountTotal: Amount.default(0),
  shipping: Amount,
  total: Amount,
  shippingAddress: ShippingAddress,
  /** Set only when the order is CANCELLED. */
  cancelReason: z.string().nullable(),
  /**
   * Present only while the order awaits its payment and its checkout has claimed it to complete
   * that payment (when it did): an admin's cancel is refused then (ORDER_PAYMENT_IN_PROGRESS).
   */
  paymentClaimedAt: z.iso.datetime().nullable().optional(),
  checkoutId: z.uuid(),
  /** Oldest first. */
  history: z.array(OrderStatusChange),
  /** Refunds made, oldest first (empty for orders before refunds were recorded). */
  refunds: z.array(OrderRefund).default([]),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Order = z.infer<typeof Order>;

/**
 * What the checkout saga reads of the orders it creates and moves (create's and transitions'
 * answers): the rest of an order's body is not its concern, so it is not parsed on every step.
 */
export const OrderHead = Order.pick({ id: true, number: true, status: true, currency: true, total: true, version: true, checkoutId: true });
export type OrderHead = z.infer<typeof OrderHead>;

/** Whether an order in this status was paid: cancelling it from there gives the rest of its payment back. */
export function isPaidStatus(status: OrderStatus): boolean {
  return status === 'CONFIRMED' || status === 'FULFILLED';
}

/**
 * What went back to the customer when a paid order was cancelled (a CONFIRMED or FULFILLED order's
 * cancel refunds the rest of its payment, recorded as the status change, not as a refund line):
 * the total less the refunds before it; null when the order was never paid or not cancelled.
 */
export function refundedOnCancel(order: Pick<Order, 'status' | 'total' | 'refunds' | 'history'>): number | null {
  if (order.status !== 'CANCELLED') return null;
  const paidThenCancelled = order.history.some((h) => h.to === 'CANCELLED' && h.from !== null && isPaidStatus(h.from));
  if (!paidThenCancelled) return null;
  return order.total - order.refunds.reduce((n, r) => n + r.amount, 0);
}

/** An order in a listing: no lines, no history; how many items and how much was refunded instead. */
export const OrderSummary = Order.pick({
  id: true, number: true, customerId: true, email: true, status: true, currency: true, total: true, cancelReason: true, createdAt: true, updatedAt: true,
}).extend({
  itemCount: z.number().int(),
  /** Sum of the order's refunds (0 when none): a partly refunded order keeps its status. */
  refundedTotal: Amount.default(0),
});
export type OrderSummary = z.infer<typeof OrderSummary>;

export const OrderPage = pageOf(OrderSummary);
export type OrderPage = z.infer<typeof OrderPage>;

/** `GET /api/orders`: the caller's own orders, newest first. */
export const ListOrdersQuery = z.object({ limit: Limit, cursor: Cursor.optional() }).strict();
export type ListOrdersQuery = z.infer<typeof ListOrdersQuery>;

/**
 * `GET /api/orders/lookup?number=&email=` (public): a guest's way back to their order. Both must
 * match (the email case-insensitively); anything else is one and the same 404.
 */
export const OrderLookupQuery = z
  .object({
    number: z.string().trim().regex(/^SO-\d{6,10}$/i, 'must be an order number such as SO-000123').transform((v) => Number(v.slice(3))),
    email: OrderEmail,
  })
  .strict();
export type OrderLookupQuery = z.infer<typeof OrderLookupQuery>;

/** "2026-01-31" (midnight UTC) or a full ISO-8601 date-time with an offset. */
const Instant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/,
    { message: 'must be an ISO-8601 date or date-time such as 2026-01-31 or 2026-01-31T12:00:00Z', abort: true },
  )
  .refine((v) => !Number.isNaN(Date.parse(v)), 'is not a real date');

/** The largest order sequence value (a Postgres integer). */
const MAX_ORDER_SEQUENCE = 2_147_483_647;

/**
 * An order number to search for, as a merchant types it: "SO-000123", "so-123" or "123"; parsed
 * to its sequence value.
 */
export const OrderNumberSearch = z
  .string()
  .trim()
  .regex(/^(SO-)?\d{1,10}$/i, 'must be an order number such as SO-000123 or 123')
  .transform((v) => Number(v.replace(/^SO-/i, '')))
  .refine((n) => n >= 1 && n <= MAX_ORDER_SEQUENCE, 'is not an order number that can exist');

/**
 * `GET /api/admin/orders`: `from` inclusive, `to` exclusive, on the creation time; newest first.
 * Every filter combines with the others (AND); `number` finds at most one order.
 */
export const AdminListOrdersQuery = z
  .object({
    limit: Limit,
    cursor: Cursor.optional(),
    status: OrderStatus.optional(),
    customerId: z.uuid().optional(),
    /** The email given at checkout (guests and accounts alike), matched case-insensitively. */
    email: OrderEmail.optional(),
    number: OrderNumberSearch.optional(),
    from: Instant.optional(),
    to: Instant.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  });
export type AdminListOrdersQuery = z.infer<typeof AdminListOrdersQuery>;
