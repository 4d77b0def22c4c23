import type { FieldIssue } from '@shop/contracts';

/** An answer other than success, in the platform's one error body. */
export interface Failure {
  status: number;
  code: string;
  message: string;
  details?: unknown;
  /** Seconds, for 503s. */
  retryAfter?: number;
}

/** The result of a use case: a value, a failure, or another instance's answer passed through. */
export type Answer<T> =
  | { kind: 'ok'; value: T; status: number; replay?: boolean }
  | { kind: 'failed'; failure: Failure }
  | { kind: 'forwarded'; status: number; body: unknown; retryAfter?: string; replay?: boolean };

export const ok = <T>(value: T, status = 200, replay?: boolean): Answer<T> => ({ kind: 'ok', value, status, replay });
export const failed = <T>(failure: Failure): Answer<T> => ({ kind: 'failed', failure });

export const failures = {
  outOfStock: (skus: string[]): Failure => ({ status: 409, code: 'OUT_OF_STOCK', message: 'not enough stock for some items', details: skus }),
  limitExceeded: (skus: string[]): Failure => ({
    status: 409,
    code: 'LIMIT_EXCEEDED',
    message: "the per-customer sale limit or the customer's hold bounds do not allow this quantity (a customerId is required for these SKUs)",
    details: skus,
  }),
  unavailable: (skus: string[]): Failure => ({ status: 409, code: 'SKU_UNAVAILABLE', message: 'these products cannot be bought (draft or archived)', details: skus }),
  unknownSkus: (skus: string[]): Failure => ({ status: 404, code: 'NOT_FOUND', message: 'unknown SKUs', details: skus }),
  unknownSku: (sku: string): Failure => ({ status: 404, code: 'NOT_FOUND', message: `no stock record for SKU ${sku}` }),
  unknownReservation: (id: string): Failure => ({ status: 404, code: 'NOT_FOUND', message: `reservation ${id} not found` }),
  keyReused: (): Failure => ({
    status: 422,
    code: 'IDEMPOTENCY_KEY_REUSED',
    message: 'this Idempotency-Key was used with a different request body',
  }),
  notHeld: (id: string, status: string): Failure => ({
    status: 409,
    code: 'RESERVATION_NOT_HELD',
    message: `reservation ${id} is ${status}`,
    details: { status },
  }),
  belowCommitments: (level: unknown): Failure => ({
    status: 409,
    code: 'STOCK_BELOW_COMMITMENTS',
    message: 'on-hand stock cannot go below reserved + committed units',
    details: level,
  }),
  overloaded: (): Failure => ({ status: 503, code: 'OVERLOADED', message: 'too many requests for this partition; retry shortly', retryAfter: 1 }),
  partitionUnavailable: (partition: number): Failure => ({
    status: 503,
    code: 'PARTITION_UNAVAILABLE',
    message: `partition ${partition} is moving between instances; retry shortly`,
    retryAfter: 1,
  }),
  invalid: (details: FieldIssue[]): Failure => ({ status: 400, code: 'VALIDATION_FAILED', message: 'Invalid request', details }),
};
