import type { CheckoutState, CheckoutStepName } from '@shop/contracts';
import type { CheckoutChange, CheckoutRecord, CheckoutStepRecord, NewCheckout } from '../domain/checkout.js';

/** A listing cursor that does not belong to this listing (forged, or of another one). */
export class InvalidCursorError extends Error {}

export interface CheckoutListFilter {
  state?: CheckoutState;
  limit: number;
  cursor?: string;
}

/**
 * Where the saga's state lives. Every change is one compare-and-set transition: the checkout, its
 * step records and its payment move together or not at all, and a saga advanced by someone else
 * meanwhile is not overwritten (null: the caller reloads and decides again).
 */
export interface CheckoutStore {
  /** Null when this customer already used the key (the caller reads that checkout). */
  insert(checkout: NewCheckout): Promise<CheckoutRecord | null>;
  find(id: string): Promise<CheckoutRecord | null>;
  findByKey(customerId: string, idempotencyKey: string): Promise<CheckoutRecord | null>;
  /** Applies a transition if the checkout is still at `expectedVersion`; null when it moved on. */
  transition(id: string, expectedVersion: number, change: CheckoutChange): Promise<CheckoutRecord | null>;
  /** A failed attempt's error, on the step's record; marks the checkout as touched without moving it. */
  recordError(id: string, step: CheckoutStepName, error: string): Promise<void>;
  steps(id: string): Promise<CheckoutStepRecord[]>;
  /** The steps of several checkouts in one query, by checkout id (a listing must not query per row). */
  stepsOf(ids: readonly string[]): Promise<Map<string, CheckoutStepRecord[]>>;
  /** In-progress sagas nobody touched since `before`: their job may be lost (recovery sweep). */
  stale(before: Date, limit: number): Promise<CheckoutRecord[]>;
  /** Newest first, keyset-paginated; throws InvalidCursorError for a cursor of another listing. */
  list(filter: CheckoutListFilter): Promise<{ items: CheckoutRecord[]; nextCursor: string | null }>;
}
