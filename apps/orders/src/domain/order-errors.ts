import type { OrderStatus } from '@shop/contracts';

/** Expected failures of order commands: values, not exceptions (the application maps them to HTTP). */
export type OrderError =
  | { code: 'ILLEGAL_TRANSITION'; message: string; from: OrderStatus; to: OrderStatus; allowed: OrderStatus[] }
  | { code: 'CONFLICT'; message: string; expected: OrderStatus | number; actual: OrderStatus | number }
  | { code: 'REASON_REQUIRED'; message: string; to: OrderStatus }
  | { code: 'AMOUNT_TOO_LARGE'; message: string; limit: number }
  | { code: 'EMPTY_ORDER'; message: string }
  | { code: 'INVALID_AMOUNT'; message: string; field: string };

export function isOrderError(value: unknown): value is OrderError {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}
