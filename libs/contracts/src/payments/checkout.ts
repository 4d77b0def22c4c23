import { z } from 'zod';
import { FailureCode } from '../common/failure.js';
import { CartId } from '../cart/cart.js';
import { Sku } from '../catalog/catalog.js';
import { Cursor, Limit, pageOf } from '../common/pagination.js';
import { Currency } from '../common/money.js';
import { DeliverableAddress } from '../orders/shipping-address.js';
import { OrderDiscount } from '../orders/orders.js';
import { ReservationId } from '../inventory/inventory.js';
import { Quote } from '../pricing/quote.js';

/**
 * Checkout: `POST /api/checkout` starts the checkout saga (payments service) and answers 202 at
 * once with the order's id; `GET /api/orders/:id` then shows the order moving to CONFIRMED or
 * CANCELLED. The request needs the `Idempotency-Key` header (same rules as inventory's,
 * `IdempotencyKey`): the same key with the same body answers the same checkout, with another body
 * 422 IDEMPOTENCY_KEY_REUSED.
 */

/** A payment provider's token for a card (never card data). The simulated provider's test tokens: `tok_approve`, `tok_decline`, ... */
export const PaymentToken = z.string().regex(/^tok_[a-z0-9_]{1,60}$/, 'must be a payment token such as tok_approve');

export const CheckoutPayment = z.strictObject({
  method: z.literal('card'),
  token: PaymentToken,
});
export type CheckoutPayment = z.infer<typeof CheckoutPayment>;

/** An email as orders keep it: trimmed, lower case. */
export const CheckoutEmail = z.string().trim().toLowerCase().max(254).pipe(z.email('must be a valid email address'));

export const CheckoutBody = z.strictObject({
  cartId: CartId,
  shippingAddress: DeliverableAddress,
  payment: CheckoutPayment,
  /**
   * The signed quote the shopper saw (the cart's or `POST /api/pricing/quote`'s). Checkout charges
   * it when pricing verifies it and its total is still pricing's total for the cart now; otherwise
   * 409 PRICE_CHANGED with the new quote in `details.quote` (a forged one: 400 QUOTE_INVALID).
   * Absent: checkout charges pricing's quote of the cart now.
   */
  quote: Quote.optional(),
  /** The shopper's own held reservation (a flash-sale page's hold): the checkout turns it into its own instead of reserving again. */
  reservationId: ReservationId.optional(),
  /**
   * Where the order's email goes. Required for a guest (no account): the order is found again with
   * its number and this email. A signed-in customer's order gets the account's email; this is ignored.
   */
  email: CheckoutEmail.optional(),
});
export type CheckoutBody = z.infer<typeof CheckoutBody>;

/** Where a checkout stands, in the order's words: PENDING until the saga settles. */
export const CheckoutOutcome = z.enum(['PENDING', 'CONFIRMED', 'CANCELLED']);
export type CheckoutOutcome = z.infer<typeof CheckoutOutcome>;

/** 202 answer of `POST /api/checkout` (and of its idempotent replays). */
export const CheckoutAccepted = z.object({
  checkoutId: z.uuid(),
  orderId: z.uuid(),
  /** "SO-000123": with the email, how a guest reads the order back (`GET /api/orders/lookup`). Null only for checkouts from before it was kept. */
  orderNumber: z.string().nullable(),
  status: CheckoutOutcome,
});
export type CheckoutAccepted = z.infer<typeof CheckoutAccepted>;

/**
 * The saga's steps in order. `quote`, `hold_coupon` and `create_order` run inside the request (so
 * the answer can name the order, and a coupon that ran out ends the checkout before any order);
 * the others run as jobs. `commit_stock` is the point of no return: a failure
 * before it is compensated, steps after it are retried until they succeed (or wait for an admin).
 */
export const CheckoutStepName = z.enum([
  'quote',
  'hold_coupon',
  'create_order',
  'reserve_stock',
  'await_payment',
  'authorize_payment',
  'commit_stock',
  'consume_coupon',
  'confirm_order',
  'capture_payment',
  'clear_cart',
]);
export type CheckoutStepName = z.infer<typeof CheckoutStepName>;

export const CheckoutState = z.enum(['preparing', 'running', 'compensating', 'completed', 'cancelled', 'rejected', 'dead']);
export type CheckoutState = z.infer<typeof CheckoutState>;

export const CheckoutStepStatus = z.enum(['running', 'succeeded', 'failed', 'compensating', 'compensated']);
export type CheckoutStepStatus = z.infer<typeof CheckoutStepStatus>;

/**
 * Why a checkout did not complete. The order's cancel reason is the code (OUT_OF_STOCK,
 * PAYMENT_DECLINED, ...; see `OrderCancelReasonCode`); a refused request (no order was created)
 * answers it as the error code.
 */
/** A checkout request refused before any order exists: answered with the code as the error. */
const REFUSED_BEFORE_ORDER = [
  FailureCode.CART_NOT_FOUND, FailureCode.CART_EMPTY, FailureCode.SKU_UNAVAILABLE, FailureCode.CURRENCY_MISMATCH, FailureCode.ORDER_REFUSED,
  FailureCode.PRICE_CHANGED, FailureCode.QUOTE_INVALID, FailureCode.COUPON_INVALID, FailureCode.COUPON_EXHAUSTED, FailureCode.RESERVATION_REFUSED,
  FailureCode.ACCOUNT_REQUIRED,
] as const;

export const CheckoutFailureCode = z.enum([
  ...REFUSED_BEFORE_ORDER,
  FailureCode.OUT_OF_STOCK, FailureCode.LIMIT_EXCEEDED, FailureCode.ORDER_NOT_PAYABLE, FailureCode.PAYMENT_DECLINED, FailureCode.PAYMENT_FAILED,
  FailureCode.CHECKOUT_EXPIRED, FailureCode.CHECKOUT_ABANDONED, FailureCode.ORDER_NOT_CONFIRMABLE, FailureCode.CAPTURE_REFUSED, FailureCode.CANCELLED_BY_ADMIN,
  FailureCode.COUPON_HOLD_RELEASED,
]);
export type CheckoutFailureCode = z.infer<typeof CheckoutFailureCode>;

export const CheckoutQuoteLine = z.object({
  sku: Sku,
  name: z.string(),
  unitPrice: z.number().int().min(0),
  quantity: z.number().int().min(1),
});
export type CheckoutQuoteLine = z.infer<typeof CheckoutQuoteLine>;

/**
 * The prices locked for the checkout: the lines at their unit prices, and from pricing's signed
 * quote the discounts (each with its source and reason), shipping and the total charged. The
 * pricing fields are absent on checkouts locked before pricing quotes (catalog list prices).
 */
export const CheckoutQuote = z.object({
  currency: Currency,
  lines: z.array(CheckoutQuoteLine),
  subtotal: z.number().int().min(0),
  /** Every discount (a line's carries its `sku`). */
  discounts: z.array(OrderDiscount).optional(),
  discountTotal: z.number().int().min(0).optional(),
  /** Shipping before its discounts (free-shipping discounts are in `discounts`). */
  shipping: z.number().int().min(0).optional(),
  /** subtotal − discountTotal + shipping: what the order totals and the payment charges. */
  total: z.number().int().min(0).optional(),
  /** The coupon this price needs held (and consumed when the sale is made). */
  couponCode: z.string().nullable().optional(),
  /** The pricing quote's own times. */
  quotedAt: z.iso.datetime().optional(),
  expiresAt: z.iso.datetime().optional(),
});
export type CheckoutQuote = z.infer<typeof CheckoutQuote>;

export const CheckoutStepView = z.object({
  step: CheckoutStepName,
  status: CheckoutStepStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  updatedAt: z.iso.datetime(),
});
export type CheckoutStepView = z.infer<typeof CheckoutStepView>;

/** `GET /api/checkouts/:id` (own) and `GET /api/admin/checkouts/:id`: the saga's progress. */
export const CheckoutView = z.object({
  id: z.uuid(),
  /** The account; for a guest's checkout an id derived from the guest cart (the order's customerId is null). */
  customerId: z.uuid(),
  guest: z.boolean(),
  email: z.string().nullable(),
  cartId: z.string(),
  orderId: z.uuid().nullable(),
  status: CheckoutOutcome,
  state: CheckoutState,
  /** The step in progress (a compensation while `state` is `compensating`); null once settled. */
  currentStep: CheckoutStepName.nullable(),
  /** For a dead saga: the state it died in (an admin retry resumes it). */
  deadFrom: CheckoutState.nullable(),
  amount: z.number().int().nullable(),
  currency: Currency.nullable(),
  reservationId: z.string().nullable(),
  paymentId: z.uuid().nullable(),
  failure: z.object({ code: z.string(), reason: z.string().nullable() }).nullable(),
  attempts: z.number().int(),
  /** The coupon the checkout is priced with; null when none (or not quoted yet), so the coupon steps have nothing to do. */
  couponCode: z.string().nullable().default(null),
  steps: z.array(CheckoutStepView),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CheckoutView = z.infer<typeof CheckoutView>;

/** `GET /api/admin/checkouts?state=dead`: newest first. */
export const AdminListCheckoutsQuery = z.strictObject({
  state: CheckoutState.optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type AdminListCheckoutsQuery = z.infer<typeof AdminListCheckoutsQuery>;

export const CheckoutPage = pageOf(CheckoutView);
export type CheckoutPage = z.infer<typeof CheckoutPage>;

/**
 * Error codes of the checkout API besides the platform's common ones: IDEMPOTENCY_KEY_REUSED 422
 * (same key, other body), the refusals before an order exists (CART_NOT_FOUND 404, CART_EMPTY 422,
 * SKU_UNAVAILABLE 409, CURRENCY_MISMATCH 422, ORDER_REFUSED 422), NOT_RETRYABLE 409 (an admin
 * retry of a checkout that is not dead), NOT_CANCELLABLE 409 (an admin cancel past the point of no return),
 * PRICE_CHANGED 409 (details.quote: pricing's quote now), QUOTE_INVALID 400 (details: { field: 'quote', reason }),
 * COUPON_INVALID 400 / COUPON_EXHAUSTED 409 (the cart's coupon does not apply and no quote was sent, or its
 * last use went to another checkout; nothing was created; with the quote shown, PRICE_CHANGED instead),
 * RESERVATION_REFUSED 409 (`reservationId` is not this customer's held reservation).
 */
export const CheckoutErrorCode = z.enum([FailureCode.IDEMPOTENCY_KEY_REUSED, ...REFUSED_BEFORE_ORDER, FailureCode.NOT_RETRYABLE, FailureCode.NOT_CANCELLABLE]);
export type CheckoutErrorCode = z.infer<typeof CheckoutErrorCode>;
