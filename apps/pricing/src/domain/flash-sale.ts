import { ENDS_BEFORE_START, moneyText, type FieldIssue, type FlashSaleStatus, type Money } from '@shop/contracts';

/** A flash sale as stored: the facts, from which its status at any instant follows. */
export interface FlashSaleRecord {
  id: string;
  sku: string;
  salePrice: Money;
  units: number;
  perCustomerLimit: number;
  startsAt: Date;
  endsAt: Date;
  version: number;
  cancelledAt: Date | null;
  /** The version whose limit the inventory engine holds (null: none of this sale's). */
  limitAppliedVersion: number | null;
  startedAt: Date | null;
  endedAt: Date | null;
  soldOutAt: Date | null;
  /** An admin stopped the live sale at this instant (endsAt was moved to it); null otherwise. */
  stoppedAt: Date | null;
  /** The admin (user id) who stopped it. */
  stoppedBy: string | null;
  /** The end planned before the stop (null: never stopped). */
  plannedEndsAt: Date | null;
  lastUnitsTaken: number;
  lastUnitsRemaining: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The window is half-open, [startsAt, endsAt): live at the start's exact millisecond, over at the end's. */
export function windowPhase(sale: Pick<FlashSaleRecord, 'startsAt' | 'endsAt'>, now: Date): 'before' | 'open' | 'after' {
  if (now.getTime() < sale.startsAt.getTime()) return 'before';
  if (now.getTime() < sale.endsAt.getTime()) return 'open';
  return 'after';
}

/**
 * The status at `now`. `unitsRemaining` is the engine's figure (null when unknown): an open sale
 * with none left is sold out; with units back (an expired hold) it is live again. Without a
 * figure, a recorded sell-out stands.
 */
export function flashSaleStatus(
  sale: Pick<FlashSaleRecord, 'startsAt' | 'endsAt' | 'cancelledAt' | 'soldOutAt'> & { stoppedAt?: Date | null },
  now: Date,
  unitsRemaining: number | null,
): FlashSaleStatus {
  if (sale.cancelledAt) return 'cancelled';
  // Whatever a clock says (a test's may go back): a stopped sale is over.
  if (sale.stoppedAt) return 'ended';
  const phase = windowPhase(sale, now);
  if (phase === 'before') return 'scheduled';
  if (phase === 'after') return 'ended';
  if (unitsRemaining === null) return sale.soldOutAt ? 'sold_out' : 'live';
  return unitsRemaining <= 0 ? 'sold_out' : 'live';
}

/**
 * What an admin's stop of a sale does at `now`: a sale open now (live or sold out) is stopped;
 * one stopped already is answered as it is (a second stop changes nothing); any other (scheduled:
 * cancel it instead; ended; cancelled) cannot be stopped.
 */
export function stopDecision(
  sale: Pick<FlashSaleRecord, 'startsAt' | 'endsAt' | 'cancelledAt' | 'soldOutAt' | 'stoppedAt'>,
  now: Date,
): { kind: 'stop' } | { kind: 'already_stopped' } | { kind: 'not_live'; status: FlashSaleStatus } {
  if (sale.stoppedAt) return { kind: 'already_stopped' };
  const status = flashSaleStatus(sale, now, null);
  if (status === 'live' || status === 'sold_out') return { kind: 'stop' };
  return { kind: 'not_live', status };
}

/** The engine holds a limit of this sale it must not any more: the sale was cancelled or stopped. */
export function limitToRemove(sale: Pick<FlashSaleRecord, 'cancelledAt' | 'stoppedAt' | 'limitAppliedVersion'>): boolean {
  return (sale.cancelledAt !== null || sale.stoppedAt !== null) && sale.limitAppliedVersion !== null;
}

/** Two half-open windows share an instant. */
export function windowsOverlap(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** What scheduling (or rescheduling) a sale is checked against. */
export interface SaleTerms {
  sku: string;
  salePrice: Money;
  units: number;
  perCustomerLimit: number;
  startsAt: Date;
  endsAt: Date;
}

export interface SaleContext {
  now: Date;
  /** The SKU's list price; null when pricing does not know the SKU. */
  listPrice: Money | null;
  /** The SKU's available stock now (the engine's figure); null when it has no stock record. */
  available: number | null;
  /** The SKU's other sales, not cancelled and not ended. */
  otherSales: readonly Pick<FlashSaleRecord, 'id' | 'startsAt' | 'endsAt'>[];
}

/**
 * Why these terms cannot be scheduled, one issue per field (empty: they can). The shape checks
 * (price > 0, end after start, integers) are the contract's; these need the world: the clock,
 * the SKU's list price and stock, and the SKU's other sales.
 */
export function saleTermsIssues(terms: SaleTerms, context: SaleContext): FieldIssue[] {
  // Pricing knows the list prices of published products only: a draft's SKU is not on sale yet.
  if (!context.listPrice) return [{ field: 'sku', reason: 'must belong to a published product (a draft or archived product cannot have a sale)' }];
  const issues: FieldIssue[] = [];
  if (terms.startsAt.getTime() < context.now.getTime()) issues.push({ field: 'startsAt', reason: 'must not be in the past' });
  if (terms.endsAt.getTime() <= terms.startsAt.getTime()) issues.push({ field: 'endsAt', reason: ENDS_BEFORE_START });
  if (terms.salePrice.amount <= 0) issues.push({ field: 'salePrice.amount', reason: 'must be more than 0' });
  if (terms.salePrice.currency !== context.listPrice.currency) {
    issues.push({ field: 'salePrice.currency', reason: `must be the SKU's list price currency (${context.listPrice.currency})` });
  } else if (terms.salePrice.amount > 0 && terms.salePrice.amount >= context.listPrice.amount) {
    // The shop shows a sale as "was <list price>": a sale price at or above it would raise the price.
    issues.push({ field: 'salePrice.amount', reason: `must be below the regular price (${moneyText(context.listPrice.amount, context.listPrice.currency)})` });
  }
  const available = context.available ?? 0;
  if (terms.units > available) issues.push({ field: 'units', reason: `must not be more than the SKU's available stock (${available})` });
  if (terms.perCustomerLimit > terms.units) issues.push({ field: 'perCustomerLimit', reason: 'must not be more than units' });
  const overlapping = context.otherSales.find((s) => windowsOverlap(s, terms));
  if (overlapping) issues.push({ field: 'startsAt', reason: `overlaps flash sale ${overlapping.id} of the same SKU` });
  return issues;
}

/** The life events a sale is due at `now` and has not emitted, in the order they happened. */
export function dueLifeEvents(
  sale: Pick<FlashSaleRecord, 'startsAt' | 'endsAt' | 'cancelledAt' | 'startedAt' | 'endedAt'>,
  now: Date,
): ('started' | 'ended')[] {
  if (sale.cancelledAt) return [];
  const due: ('started' | 'ended')[] = [];
  if (!sale.startedAt && now.getTime() >= sale.startsAt.getTime()) due.push('started');
  if (!sale.endedAt && now.getTime() >= sale.endsAt.getTime()) due.push('ended');
  return due;
}

/**
 * The sale whose limit the engine must hold for a SKU: the earliest not cancelled, stopped or ended
 * (the engine keeps one limit per SKU; the next sale's is applied when this one ends).
 */
export function saleToApply<S extends Pick<FlashSaleRecord, 'startsAt' | 'endsAt' | 'cancelledAt' | 'stoppedAt'>>(sales: readonly S[], now: Date): S | undefined {
  return sales
    .filter((s) => !s.cancelledAt && !s.stoppedAt && now.getTime() < s.endsAt.getTime())
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
}

const PUBLIC_RANK: Record<FlashSaleStatus, number> = { live: 0, sold_out: 0, scheduled: 1, ended: 2, cancelled: 3 };

/** Shoppers' order: open sales first (soonest to end first), then upcoming (soonest first), then ended (latest first). */
export function comparePublicSales(
  a: { status: FlashSaleStatus; startsAt: Date; endsAt: Date },
  b: { status: FlashSaleStatus; startsAt: Date; endsAt: Date },
): number {
  const rank = PUBLIC_RANK[a.status] - PUBLIC_RANK[b.status];
  if (rank !== 0) return rank;
  if (a.status === 'ended') return b.endsAt.getTime() - a.endsAt.getTime();
  if (a.status === 'scheduled') return a.startsAt.getTime() - b.startsAt.getTime();
  return a.endsAt.getTime() - b.endsAt.getTime();
}

/**
 * The version of a sale's next event: its stored version (bumped by each change, which only
 * happens before the start) plus one per life event recorded. Monotonic, so a consumer that
 * drops events older than the last it saw keeps started, sold-out and ended.
 */
export function eventVersion(sale: Pick<FlashSaleRecord, 'version' | 'startedAt' | 'soldOutAt' | 'endedAt'>): number {
  return sale.version + (sale.startedAt ? 1 : 0) + (sale.soldOutAt ? 1 : 0) + (sale.endedAt ? 1 : 0);
}

/** The engine's sale limit as far as telling whose it is. */
export interface EngineLimit {
  units: number | null;
  unitsTaken: number;
  unitsRemaining: number;
  startsAt: Date | null;
  endsAt: Date | null;
}

/** The engine's limit is this sale's (same window and units), not another sale's of the SKU. */
export function limitIsOf(sale: Pick<FlashSaleRecord, 'units' | 'startsAt' | 'endsAt'>, limit: EngineLimit | null): limit is EngineLimit {
  return (
    limit !== null &&
    limit.units === sale.units &&
    limit.startsAt?.getTime() === sale.startsAt.getTime() &&
    limit.endsAt?.getTime() === sale.endsAt.getTime()
  );
}

/**
 * Units taken and remaining of a sale: the engine's own figures when it holds this sale's limit;
 * before the start with the limit not set yet, all of them; otherwise the last figures seen.
 */
export function unitsOf(sale: FlashSaleRecord, limit: EngineLimit | null, now: Date): { taken: number; remaining: number } {
  if (!sale.cancelledAt && limitIsOf(sale, limit)) return { taken: limit.unitsTaken, remaining: Math.max(0, limit.unitsRemaining) };
  if (windowPhase(sale, now) === 'before' && sale.lastUnitsRemaining === null) return { taken: 0, remaining: sale.units };
  return { taken: sale.lastUnitsTaken, remaining: sale.lastUnitsRemaining ?? Math.max(0, sale.units - sale.lastUnitsTaken) };
}
