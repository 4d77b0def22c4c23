/**
 * The platform's one error model. Domain and application code return a `Failure` value or throw
 * `Failed`; neither knows HTTP. `@shop/service-kit` turns a code into a status in one table
 * (failure-status.ts), and clients read the same constants from here: no code is a string literal
 * outside this file.
 */
export const FailureCode = {
  // Any context
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INVALID_CURSOR: 'INVALID_CURSOR',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED: 'RATE_LIMITED',
  DEPENDENCY_UNAVAILABLE: 'DEPENDENCY_UNAVAILABLE',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  INTERNAL: 'INTERNAL',
  // Identity
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  INVALID_REFRESH_TOKEN: 'INVALID_REFRESH_TOKEN',
  /** The right password for an account an admin disabled. */
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  /** A password reset link that is unknown, expired or already used. */
  INVALID_RESET_TOKEN: 'INVALID_RESET_TOKEN',
  /** A password change whose current password is wrong (the caller is signed in: not a 401). */
  WRONG_PASSWORD: 'WRONG_PASSWORD',
  // Catalog
  UNKNOWN_CATEGORY: 'UNKNOWN_CATEGORY',
  PARENT_NOT_FOUND: 'PARENT_NOT_FOUND',
  MIXED_CURRENCIES: 'MIXED_CURRENCIES',
  ILLEGAL_STATUS_TRANSITION: 'ILLEGAL_STATUS_TRANSITION',
  PRODUCT_ARCHIVED: 'PRODUCT_ARCHIVED',
  SLUG_TAKEN: 'SLUG_TAKEN',
  SKU_TAKEN: 'SKU_TAKEN',
  // Inventory
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  SKU_UNAVAILABLE: 'SKU_UNAVAILABLE',
  RESERVATION_NOT_HELD: 'RESERVATION_NOT_HELD',
  STOCK_BELOW_COMMITMENTS: 'STOCK_BELOW_COMMITMENTS',
  OVERLOADED: 'OVERLOADED',
  PARTITION_UNAVAILABLE: 'PARTITION_UNAVAILABLE',
  // Cart
  UNKNOWN_SKU: 'UNKNOWN_SKU',
  CURRENCY_MISMATCH: 'CURRENCY_MISMATCH',
  QUANTITY_LIMIT_EXCEEDED: 'QUANTITY_LIMIT_EXCEEDED',
  CART_FULL: 'CART_FULL',
  CART_BUSY: 'CART_BUSY',
  CART_NOT_FOUND: 'CART_NOT_FOUND',
  CART_EMPTY: 'CART_EMPTY',
  // Orders
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  REASON_REQUIRED: 'REASON_REQUIRED',
  EMPTY_ORDER: 'EMPTY_ORDER',
  INVALID_AMOUNT: 'INVALID_AMOUNT',
  AMOUNT_TOO_LARGE: 'AMOUNT_TOO_LARGE',
  CHECKOUT_ID_REUSED: 'CHECKOUT_ID_REUSED',
  /**
   * The order's checkout is taking its payment (it claimed the order at the point of no return):
   * it cannot be cancelled until that completes; then it is cancelled (and refunded) as any paid order.
   */
  ORDER_PAYMENT_IN_PROGRESS: 'ORDER_PAYMENT_IN_PROGRESS',
  // Checkout
  ORDER_REFUSED: 'ORDER_REFUSED',
  CHECKOUT_ABANDONED: 'CHECKOUT_ABANDONED',
  NOT_RETRYABLE: 'NOT_RETRYABLE',
  NOT_CANCELLABLE: 'NOT_CANCELLABLE',
  // Checkout outcomes: why a saga gave up (stored on the checkout, the order's cancel reason)
  RESERVATION_REFUSED: 'RESERVATION_REFUSED',
  ORDER_NOT_PAYABLE: 'ORDER_NOT_PAYABLE',
  PAYMENT_DECLINED: 'PAYMENT_DECLINED',
  PAYMENT_FAILED: 'PAYMENT_FAILED',
  PRICE_CHANGED: 'PRICE_CHANGED',
  CHECKOUT_EXPIRED: 'CHECKOUT_EXPIRED',
  ORDER_NOT_CONFIRMABLE: 'ORDER_NOT_CONFIRMABLE',
  CAPTURE_REFUSED: 'CAPTURE_REFUSED',
  CANCELLED_BY_ADMIN: 'CANCELLED_BY_ADMIN',
  CHECKOUT_CANCELLED: 'CHECKOUT_CANCELLED',
  /** A guest's checkout of a SKU in a flash sale or with a per-customer limit: those need an account. */
  ACCOUNT_REQUIRED: 'ACCOUNT_REQUIRED',
  // Pricing
  COUPON_INVALID: 'COUPON_INVALID',
  COUPON_EXHAUSTED: 'COUPON_EXHAUSTED',
  COUPON_CODE_TAKEN: 'COUPON_CODE_TAKEN',
  COUPON_HOLD_RELEASED: 'COUPON_HOLD_RELEASED',
  QUOTE_INVALID: 'QUOTE_INVALID',
  FLASH_SALE_NOT_SCHEDULED: 'FLASH_SALE_NOT_SCHEDULED',
  /** A stop of a flash sale that is not open (scheduled, ended or cancelled). */
  FLASH_SALE_NOT_LIVE: 'FLASH_SALE_NOT_LIVE',
  // Storefront: its checkout route cannot reach a working checkout (the shopper's cart is kept)
  CHECKOUT_UNAVAILABLE: 'CHECKOUT_UNAVAILABLE',
} as const;
export type FailureCode = (typeof FailureCode)[keyof typeof FailureCode];

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(FailureCode));

export function isFailureCode(value: unknown): value is FailureCode {
  return typeof value === 'string' && KNOWN_CODES.has(value);
}

/** An expected failure: a stable code, a message for people, and details a client can act on. */
export interface Failure<C extends FailureCode = FailureCode> {
  readonly code: C;
  readonly message: string;
  readonly details?: unknown;
  /** For failures that pass (overload, a moving partition, throttling): when to try again. */
  readonly retryAfterSeconds?: number;
}

/** A failure whose details have a known shape: the facts a client can act on. */
export type FailureWith<C extends FailureCode, D> = Failure<C> & { readonly details: D };

export function failure<C extends FailureCode>(code: C, message: string, details?: unknown, retryAfterSeconds?: number): Failure<C> {
  const value: { code: C; message: string; details?: unknown; retryAfterSeconds?: number } = { code, message };
  if (details !== undefined) value.details = details;
  if (retryAfterSeconds !== undefined) value.retryAfterSeconds = retryAfterSeconds;
  return value;
}

/**
 * A failure thrown across layers that cannot return it (an application service under an HTTP
 * controller). The HTTP edge answers it with the status service-kit assigns to its code.
 */
export class Failed<C extends FailureCode = FailureCode> extends Error {
  override readonly name = 'Failed';
  constructor(readonly failure: Failure<C>) {
    super(failure.message);
  }

  get code(): C {
    return this.failure.code;
  }

  static of<C extends FailureCode>(code: C, message: string, details?: unknown, retryAfterSeconds?: number): Failed<C> {
    return new Failed(failure(code, message, details, retryAfterSeconds));
  }
}

/** A value or an expected failure, for code that returns rather than throws. */
export type Result<T, C extends FailureCode = FailureCode> = { ok: true; value: T } | { ok: false; failure: Failure<C> };

export const succeeded = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const refused = <C extends FailureCode>(f: Failure<C>): Result<never, C> => ({ ok: false, failure: f });
