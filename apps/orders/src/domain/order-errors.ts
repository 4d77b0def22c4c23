import { FailureCode, isFailureCode, type CustomerCancelBlock, type FailureWith, type Failure, type OrderStatus } from '@shop/contracts';

/** Expected failures of order commands: values, not exceptions (the application throws them). */
export type OrderError =
  | FailureWith<typeof FailureCode.ILLEGAL_TRANSITION, { from: OrderStatus; to: OrderStatus; allowed: OrderStatus[] }>
  /** A status, a version, or (a payment claim) a checkout id: what the caller expected and what is. */
  | FailureWith<typeof FailureCode.CONFLICT, { expected: OrderStatus | number | string; actual: OrderStatus | number | string }>
  | FailureWith<typeof FailureCode.REASON_REQUIRED, { to: OrderStatus }>
  | FailureWith<typeof FailureCode.AMOUNT_TOO_LARGE, { limit: number }>
  | Failure<typeof FailureCode.EMPTY_ORDER>
  | FailureWith<typeof FailureCode.INVALID_AMOUNT, { field: string }>
  | FailureWith<typeof FailureCode.VALIDATION_FAILED, { field: string }>
  | FailureWith<typeof FailureCode.ORDER_NOT_PAYABLE, { status: OrderStatus; cancelReason: string | null }>
  | FailureWith<typeof FailureCode.ORDER_PAYMENT_IN_PROGRESS, { checkoutId: string; claimedAt: string }>
  /** A customer's own cancel of an order they may not cancel themselves (shipped, refunded, ...). */
  | FailureWith<typeof FailureCode.NOT_CANCELLABLE, { status: OrderStatus; why: CustomerCancelBlock }>;

export function isOrderError(value: unknown): value is OrderError {
  return typeof value === 'object' && value !== null && isFailureCode((value as { code?: unknown }).code);
}
