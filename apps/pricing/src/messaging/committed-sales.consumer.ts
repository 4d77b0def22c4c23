import { ReservationCommittedV1 } from '@shop/contracts';
import { idempotent, on, routeEvents, type ProcessedEvents } from '@shop/messaging';
import type { Tx } from '@shop/persistence';
import { recordCommittedSales } from '../adapters/demand-rule.repository.js';

/** Consumer group on `events.inventory`: the sell-through a demand rule measures. */
export const COMMITTED_SALES_GROUP = 'pricing.demand-sales';

/**
 * Counts committed reservations into per-SKU minute buckets (SKUs with a demand rule only), at
 * the minute the event occurred. Exactly once per event: the processed-event record and the
 * bucket update share one transaction. A payload that breaks the contract is dead-lettered.
 */
export function committedSalesHandler(processed: ProcessedEvents) {
  const route = routeEvents<[Tx]>([
    on(ReservationCommittedV1, async (event, tx: Tx) => {
      await recordCommittedSales(tx, event.payload.items, new Date(event.occurredAt));
    }),
  ]);
  return idempotent(processed, COMMITTED_SALES_GROUP, (envelope, tx) => route(envelope, tx));
}
