import {
  FlashSaleCancelledV1,
  FlashSaleEndedV1,
  FlashSaleScheduledV1,
  FlashSaleSoldOutV1,
  FlashSaleStartedV1,
  OrderCreatedV1,
  OrderRefundedV1,
  OrderStatusChangedV1,
  ReservationCommittedV1,
  ReservationExpiredV1,
  ReservationReleasedV1,
  ReservationReservedV1,
  StockChangedV1,
  StockSoldOutV1,
  type EventEnvelope,
} from '@shop/contracts';
import { on, routeEvents, type EventHandler } from '@shop/messaging';
import type { FigureStore } from '../adapters/figure-store.js';
import { figureChangesOf } from '../domain/event-figures.js';

/** The streams the dashboard follows. */
export const ORDERS_STREAM = 'events.orders';
export const INVENTORY_STREAM = 'events.inventory';
export const PRICING_STREAM = 'events.pricing';
export const FOLLOWED_STREAMS = [ORDERS_STREAM, INVENTORY_STREAM, PRICING_STREAM] as const;
/** Streams whose dead letters the dashboard counts (every context that publishes events). */
export const DEAD_LETTER_STREAMS = ['events.catalog', ORDERS_STREAM, INVENTORY_STREAM, PRICING_STREAM] as const;

/**
 * One handler per stream: each event's payload is checked against its contract (a payload that
 * does not parse is dead-lettered), then its figure changes are applied once per event id — a
 * redelivered or replayed event counts nothing (FigureStore.applyOnce).
 */
export function figuresHandler(store: FigureStore, stream: (typeof FOLLOWED_STREAMS)[number]): EventHandler {
  const count = async (event: EventEnvelope) => {
    await store.applyOnce(event.eventId, figureChangesOf(event));
  };
  switch (stream) {
    case ORDERS_STREAM:
      return routeEvents([on(OrderCreatedV1, count), on(OrderStatusChangedV1, count), on(OrderRefundedV1, count)]);
    case INVENTORY_STREAM:
      return routeEvents([
        on(ReservationReservedV1, count),
        on(ReservationCommittedV1, count),
        on(ReservationReleasedV1, count),
        on(ReservationExpiredV1, count),
        on(StockSoldOutV1, count),
        on(StockChangedV1, count),
      ]);
    case PRICING_STREAM:
      return routeEvents([on(FlashSaleScheduledV1, count), on(FlashSaleStartedV1, count), on(FlashSaleSoldOutV1, count), on(FlashSaleEndedV1, count), on(FlashSaleCancelledV1, count)]);
  }
}
