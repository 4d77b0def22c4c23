import type { RefusalReason } from '@shop/contracts';

/**
 * The names of the counters kept per time bucket. One vocabulary for the consumers that count,
 * the pollers that add deltas and the rollups that read them back.
 */
export const Figure = {
  ordersCreated: 'orders.created',
  ordersPaid: 'orders.paid',
  /** + `:<currency>`: minor units of paid orders. */
  revenue: 'revenue',
  /** + `:<currency>`: minor units given back (refunds, paid orders cancelled). */
  refunded: 'refunded',
  reservationsMade: 'reservations.made',
  /** A hold swapped for checkout's own (ReservationReleased with `replacedBy`): not a new shopper. */
  reservationsReplaced: 'reservations.replaced',
  /** + `:<reason>`. */
  sagaFailed: 'sagas.failed',
  sagasDead: 'sagas.dead',
  /** + `:<RefusalReason>`. */
  refused: 'refused',
  // Per SKU (units), for the sale view.
  unitsReserved: 'units.reserved',
  unitsCommitted: 'units.committed',
  unitsReleased: 'units.released',
} as const;

export const revenueFigure = (currency: string) => `${Figure.revenue}:${currency}`;
export const refundedFigure = (currency: string) => `${Figure.refunded}:${currency}`;
export const sagaFailedFigure = (reason: string) => `${Figure.sagaFailed}:${reason}`;
export const refusedFigure = (reason: RefusalReason) => `${Figure.refused}:${reason}`;

/** Counters of one bucket, by figure name. */
export type BucketCounts = Readonly<Record<string, number>>;

/** Sums counters whose name starts with `<prefix>:`, by the rest of the name. */
export function byQualifier(buckets: readonly BucketCounts[], prefix: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const bucket of buckets) {
    for (const [name, value] of Object.entries(bucket)) {
      if (!name.startsWith(`${prefix}:`)) continue;
      const qualifier = name.slice(prefix.length + 1);
      sums.set(qualifier, (sums.get(qualifier) ?? 0) + value);
    }
  }
  return sums;
}

export function sumOf(buckets: readonly BucketCounts[], figure: string): number {
  return buckets.reduce((total, bucket) => total + (bucket[figure] ?? 0), 0);
}
