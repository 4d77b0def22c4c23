import type { ReservationStatus } from '@shop/contracts';
import type { HeaderRecord, HoldRecord, SaleLimitRecord, StockRecord } from './partition-snapshot.js';

export interface StockWrite extends StockRecord {
  /** The version the database row must still have (undefined: a new row). */
  expectedVersion: number | undefined;
}

export interface ItemWrite {
  reservationId: string;
  sku: string;
  quantity: number;
  customerId: string | null;
  limitKeys: readonly string[];
  status: ReservationStatus;
  expiresAt: number;
  createdAt: number;
}

/** A restock to record (its key makes it happen once). */
export interface RestockWrite {
  key: string;
  sku: string;
  quantity: number;
  reason: string | null;
  at: number;
}

export interface LedgerEntry {
  sku: string;
  delta: number;
  onHandAfter: number;
  kind: 'set' | 'adjust';
  reason: string | null;
  at: number;
}

/** An event to record in the outbox with the batch (the adapter wraps it in the envelope). */
export interface DomainEvent {
  type: string;
  aggregateId: string;
  version: number;
  payload: unknown;
  occurredAt: number;
}

/**
 * Everything one batch changes: written in ONE statement, then applied to the snapshot once it
 * committed. Rows created in the batch carry their final state (a statement's parts cannot see
 * each other's writes); transitions are only for rows that existed before the batch.
 */
export interface BatchDelta {
  stock: StockWrite[];
  headerInserts: HeaderRecord[];
  headerTransitions: { reservationId: string; status: ReservationStatus }[];
  itemInserts: ItemWrite[];
  /** Pre-existing holds leaving `held`, with how many item rows that moves. */
  holdTransitions: { reservationId: string; status: ReservationStatus; items: number }[];
  ledger: LedgerEntry[];
  restocks: RestockWrite[];
  limits: SaleLimitRecord[];
  /** SKUs whose sale limit (and allocation) is removed. */
  limitsRemoved: string[];
  events: DomainEvent[];
  /** For the snapshot: holds now in force, holds ended, usage values, headers (new or changed). */
  holdsAdded: HoldRecord[];
  holdsRemoved: string[];
  usage: { sku: string; customerId: string; units: number }[];
  /** Units counting toward each changed SKU's sale allocation. */
  taken: { sku: string; units: number }[];
  headers: HeaderRecord[];
  /** A sale limit changed: usage is recomputed from the database after the commit. */
  reloadAfterCommit: boolean;
}

export function isEmptyDelta(d: BatchDelta): boolean {
  return (
    d.stock.length === 0 &&
    d.headerInserts.length === 0 &&
    d.headerTransitions.length === 0 &&
    d.itemInserts.length === 0 &&
    d.holdTransitions.length === 0 &&
    d.ledger.length === 0 &&
    d.restocks.length === 0 &&
    d.limits.length === 0 &&
    d.limitsRemoved.length === 0 &&
    d.events.length === 0 &&
    // A reload is asked for by committing (an otherwise empty batch: the lease check) and reloading.
    !d.reloadAfterCommit
  );
}
