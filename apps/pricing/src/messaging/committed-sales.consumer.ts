import { ReservationCommittedV1 } from '@shop/contracts';
import { on, routeEvents, type EventHandler } from '@shop/messaging';
import type { PrismaClient } from '@shop/persistence';
import { recordCommittedSalesOnce } from '../adapters/demand-rule.repository.js';

/** Consumer group on `events.inventory`: the sell-through a demand rule measures. */
export const COMMITTED_SALES_GROUP = 'pricing.demand-sales';

/**
 * Counts committed reservations into per-SKU minute buckets (SKUs with a demand rule only), at
 * the minute the event occurred. Exactly once per event: the processed-event record and the
 * bucket update are one statement. The stream's other events (every reservation made or
 * released: most of it) have no effect here, so they cost no database work at all. A payload
 * that breaks the contract is dead-lettered.
 */
export function committedSalesHandler(prisma: PrismaClient): EventHandler {
  return routeEvents([
    on(ReservationCommittedV1, async (event) => {
      if (event.payload.items.length === 0) return;
      await recordCommittedSalesOnce(prisma, { consumer: COMMITTED_SALES_GROUP, eventId: event.eventId }, event.payload.items, new Date(event.occurredAt));
    }),
  ]);
}
