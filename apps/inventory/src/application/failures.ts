import { failure, FailureCode, type Failure, type FieldIssue, type ReplaceRefusalReason, type SaleAllocationExhausted } from '@shop/contracts';
import type { StockLevelView } from '../domain/commands.js';

export type { Failure };

/**
 * The partition's owner answered a forwarded request: its answer goes back to the client as it
 * came (status, body, retry hint, replay mark), untouched.
 */
export interface Relayed {
  ok: 'relayed';
  status: number;
  body: unknown;
  retryAfter?: string;
  replayed: boolean;
}

/**
 * The result of an inventory use case: a value (`replayed` when a stored reservation is answered
 * again), an expected failure (platform codes; the HTTP edge gives the status), or the owner's
 * answer to a forwarded request.
 */
export type Answer<T> = { ok: true; value: T; replayed?: boolean } | { ok: false; failure: Failure } | Relayed;

export const ok = <T>(value: T, replayed?: boolean): Answer<T> => (replayed ? { ok: true, value, replayed } : { ok: true, value });
export const failed = <T = never>(f: Failure): Answer<T> => ({ ok: false, failure: f });


/** Seconds a client waits before retrying a passing refusal (a full mailbox, a moving partition). */
const RETRY_SOON = 1;

export const failures = {
  outOfStock: (skus: string[]): Failure => failure(FailureCode.OUT_OF_STOCK, 'not enough stock for some items', skus),
  /** Keeps OUT_OF_STOCK (clients show "sold out"); the details say it is the flash sale's allocation, not the stock. */
  saleAllocationExhausted: (skus: string[]): Failure =>
    failure(FailureCode.OUT_OF_STOCK, "the flash sale's allocation of these SKUs is used up", { skus, saleAllocation: 'exhausted' } satisfies SaleAllocationExhausted),
  noSaleLimit: (sku: string): Failure => failure(FailureCode.NOT_FOUND, `no sale limit for SKU ${sku}`),
  cannotReplace: (id: string, reason: ReplaceRefusalReason, status?: string): Failure =>
    failure(FailureCode.RESERVATION_NOT_HELD, `reservation ${id} cannot be replaced (${reason.replace('_', ' ')}${status ? `: ${status}` : ''})`, {
      reservationId: id,
      reason,
      ...(status === undefined ? {} : { status }),
    }),
  replaceForbidden: (): Failure => failure(FailureCode.FORBIDDEN, 'only a trusted service (checkout) may replace a reservation (replaces)'),
  limitExceeded: (skus: string[]): Failure =>
    failure(
      FailureCode.LIMIT_EXCEEDED,
      "the per-customer sale limit or the customer's hold bounds do not allow this quantity (a customerId is required for these SKUs)",
      skus,
    ),
  unavailable: (skus: string[]): Failure => failure(FailureCode.SKU_UNAVAILABLE, 'these products cannot be bought (draft or archived)', skus),
  unknownSkus: (skus: string[]): Failure => failure(FailureCode.NOT_FOUND, 'unknown SKUs', skus),
  unknownSku: (sku: string): Failure => failure(FailureCode.NOT_FOUND, `no stock record for SKU ${sku}`),
  unknownReservation: (id: string): Failure => failure(FailureCode.NOT_FOUND, `reservation ${id} not found`),
  keyReused: (): Failure => failure(FailureCode.IDEMPOTENCY_KEY_REUSED, 'this Idempotency-Key was used with a different request body'),
  notHeld: (id: string, status: string): Failure => failure(FailureCode.RESERVATION_NOT_HELD, `reservation ${id} is ${status}`, { status }),
  belowCommitments: (level: StockLevelView): Failure => failure(FailureCode.STOCK_BELOW_COMMITMENTS, belowCommitmentsMessage(level), level),
  notCommitted: (sku: string, quantity: number, level: unknown): Failure =>
    failure(FailureCode.CONFLICT, `SKU ${sku} has fewer than ${quantity} sold (committed) units to restock`, level),
  overloaded: (): Failure => failure(FailureCode.OVERLOADED, 'too many requests for this partition; retry shortly', undefined, RETRY_SOON),
  partitionUnavailable: (partition: number, message = `partition ${partition} is moving between instances; retry shortly`): Failure =>
    failure(FailureCode.PARTITION_UNAVAILABLE, message, undefined, RETRY_SOON),
  invalid: (details: FieldIssue[]): Failure => failure(FailureCode.VALIDATION_FAILED, 'Invalid request', details),
};

/** A failure that passes (overload, a moving partition, an unreachable dependency): the client retries. */
export function isPassing(f: Failure): boolean {
  return f.retryAfterSeconds !== undefined || f.code === FailureCode.DEPENDENCY_UNAVAILABLE;
}

/** Said with the figures the refusal is about: nothing held or sold means on hand cannot go below 0. */
export function belowCommitmentsMessage(level: Pick<StockLevelView, 'reserved' | 'committed'>): string {
  const held = level.reserved + level.committed;
  if (held === 0) return 'on-hand stock cannot go below 0';
  return `on-hand stock cannot go below the ${held} units already held (${level.reserved} reserved, ${level.committed} sold)`;
}
