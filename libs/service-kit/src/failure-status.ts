import type { FailureCode } from '@shop/contracts';

/**
 * The one place a failure code becomes an HTTP status. The table is exhaustive: a new code in
 * `@shop/contracts` does not compile until it is given a status here.
 */
export const STATUS_OF: Readonly<Record<FailureCode, number>> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  INVALID_CURSOR: 400,
  REASON_REQUIRED: 400,
  EMPTY_ORDER: 400,
  INVALID_AMOUNT: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  INVALID_REFRESH_TOKEN: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CART_NOT_FOUND: 404,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  ILLEGAL_STATUS_TRANSITION: 409,
  PRODUCT_ARCHIVED: 409,
  SLUG_TAKEN: 409,
  SKU_TAKEN: 409,
  OUT_OF_STOCK: 409,
  LIMIT_EXCEEDED: 409,
  SKU_UNAVAILABLE: 409,
  RESERVATION_NOT_HELD: 409,
  STOCK_BELOW_COMMITMENTS: 409,
  CART_BUSY: 409,
  ILLEGAL_TRANSITION: 409,
  CHECKOUT_ID_REUSED: 409,
  CHECKOUT_ABANDONED: 409,
  NOT_RETRYABLE: 409,
  NOT_CANCELLABLE: 409,
  // A checkout refused by its saga before an order existed answers its outcome as a conflict.
  RESERVATION_REFUSED: 409,
  ORDER_NOT_PAYABLE: 409,
  PAYMENT_DECLINED: 409,
  PAYMENT_FAILED: 409,
  PRICE_CHANGED: 409,
  CHECKOUT_EXPIRED: 409,
  ORDER_NOT_CONFIRMABLE: 409,
  CAPTURE_REFUSED: 409,
  CANCELLED_BY_ADMIN: 409,
  CHECKOUT_CANCELLED: 409,
  // A coupon a shopper typed that cannot apply (details.reason says why: unknown, expired...).
  COUPON_INVALID: 400,
  QUOTE_INVALID: 400,
  COUPON_EXHAUSTED: 409,
  COUPON_CODE_TAKEN: 409,
  COUPON_HOLD_RELEASED: 409,
  FLASH_SALE_NOT_SCHEDULED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  UNKNOWN_CATEGORY: 422,
  PARENT_NOT_FOUND: 422,
  MIXED_CURRENCIES: 422,
  UNKNOWN_SKU: 422,
  CURRENCY_MISMATCH: 422,
  QUANTITY_LIMIT_EXCEEDED: 422,
  CART_FULL: 422,
  CART_EMPTY: 422,
  AMOUNT_TOO_LARGE: 422,
  ORDER_REFUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DEPENDENCY_UNAVAILABLE: 503,
  // The gateway answers an upstream it cannot reach (circuit open, at capacity, down) with 503 and Retry-After.
  UPSTREAM_UNAVAILABLE: 503,
  OVERLOADED: 503,
  CHECKOUT_UNAVAILABLE: 503,
  PARTITION_UNAVAILABLE: 503,
  UPSTREAM_TIMEOUT: 504,
};

export function statusOfFailure(code: FailureCode): number {
  // A code from outside the table (an untyped caller) is a bug: answer it as one.
  return STATUS_OF[code] ?? 500;
}
