import type { EventEnvelope } from '@shop/contracts';
import type { FlashSaleRecord, SaleTerms } from '../domain/flash-sale.js';

/** A new sale as it is stored, with its `scheduled` event (written in the same transaction). */
export interface NewFlashSale extends SaleTerms {
  id: string;
  at: Date;
}

/** What changing a sale may answer: the sale after the change, or why not. */
export type SaleChange =
  | { kind: 'changed'; sale: FlashSaleRecord }
  | { kind: 'not_found' }
  /** Cancelled, started, or changed by someone else since it was read. */
  | { kind: 'not_scheduled' }
  | { kind: 'overlap'; otherId: string };

/** What stopping a live sale may answer. */
export type SaleStop =
  | { kind: 'stopped'; sale: FlashSaleRecord }
  | { kind: 'already_stopped'; sale: FlashSaleRecord }
  | { kind: 'not_found' }
  /** Not open at `at` (scheduled, ended or cancelled), read again inside the transaction. */
  | { kind: 'not_live'; sale: FlashSaleRecord };

/** The events a stop writes with it: `started` only when the sweep had not recorded it yet. */
export interface StopEvents {
  started: (sale: FlashSaleRecord) => EventEnvelope;
  ended: (sale: FlashSaleRecord) => EventEnvelope;
}

/** One SKU's sales, under a lock only one process holds at a time (the engine keeps one limit per SKU). */
export interface SkuSales {
  readonly sales: readonly FlashSaleRecord[];
  /** The engine now holds `version` of this sale's limit, and no other sale's of the SKU. */
  markApplied(id: string, version: number): Promise<void>;
  /** The engine holds no limit of this sale any more. */
  markRemoved(id: string): Promise<void>;
}

/** Flash sales in the pricing schema; every change writes its event to the outbox in the same transaction. */
export interface FlashSaleStore {
  /**
   * Inserts the sale and its event unless a sale of the same SKU (not cancelled) overlaps its
   * window: checked under a per-SKU lock, so two racing requests cannot both pass.
   */
  insert(sale: NewFlashSale, event: (sale: FlashSaleRecord) => EventEnvelope): Promise<{ kind: 'created'; sale: FlashSaleRecord } | { kind: 'overlap'; otherId: string }>;
  /** Changes a sale still at `expectedVersion`, not cancelled and not started at `at`. */
  update(id: string, expectedVersion: number, terms: SaleTerms, at: Date, event: (sale: FlashSaleRecord) => EventEnvelope): Promise<SaleChange>;
  cancel(id: string, expectedVersion: number, at: Date, event: (sale: FlashSaleRecord) => EventEnvelope): Promise<SaleChange>;
  /**
   * Stops a sale open at `at`: its window ends at `at` (the planned end kept), its end is recorded
   * with its event (and its start's, if not recorded yet), once: a second stop finds it stopped.
   */
  stop(id: string, at: Date, by: string, events: StopEvents): Promise<SaleStop>;
  find(id: string): Promise<FlashSaleRecord | null>;
  /** Sales of a SKU neither cancelled nor ended at `at` (overlap candidates). */
  pendingOfSku(sku: string, at: Date): Promise<FlashSaleRecord[]>;
  /** Every sale, latest start first then by id (admin): `limit` of them after `after` (the last one of the previous page). */
  listPage(limit: number, after: { startsAt: Date; id: string } | null): Promise<FlashSaleRecord[]>;
  /** Sales not cancelled whose window ends after `since` (the public list). */
  listEndingAfter(since: Date, limit: number): Promise<FlashSaleRecord[]>;
  /** Sales not cancelled of these SKUs whose window ends after `at` (quotes). */
  openOrUpcomingOfSkus(skus: readonly string[], at: Date): Promise<FlashSaleRecord[]>;
  /**
   * Records a life event once: only the first caller for this sale and kind writes it (and its
   * event); the others get false.
   */
  recordLifeEvent(id: string, kind: 'started' | 'ended' | 'sold_out', at: Date, event: (sale: FlashSaleRecord) => EventEnvelope): Promise<boolean>;
  /** The engine's figures last seen for a sale. */
  recordFigures(id: string, unitsTaken: number, unitsRemaining: number): Promise<void>;
  /** Sales with a life event due at `at` that is not recorded yet. */
  dueForLifeEvents(at: Date): Promise<FlashSaleRecord[]>;
  /** SKUs whose engine limit may differ from what their sales want (a change not applied, a cancel or stop not removed). */
  skusToReconcile(at: Date): Promise<string[]>;
  /** Open sales with no sell-out recorded. */
  openNotSoldOut(at: Date): Promise<FlashSaleRecord[]>;
  /** The next start or end after `at` of a sale not cancelled, for a timer at that instant. */
  nextBoundaryAfter(at: Date): Promise<Date | null>;
  /** Runs `fn` holding the SKU's lock (waiting for it a few seconds at most, then throwing). */
  withSkuLock<T>(sku: string, fn: (sales: SkuSales) => Promise<T>): Promise<T>;
}
