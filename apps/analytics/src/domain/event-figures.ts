import { isPaidStatus, type EventEnvelope, type FlashSaleStatus, type Money, type Order, type OrderStatus, type ReservationItem } from '@shop/contracts';
import { Figure, refundedFigure, revenueFigure, sagaFailedFigure } from './figures.js';

/**
 * What one event changes in the aggregates, as plain values: the store applies them atomically
 * and at most once per event id. Events are counted at the time they happened (`occurredAt`),
 * so a late or replayed event lands in its own bucket.
 */
export type FigureChange =
  /** Add `by` to a platform-wide counter in the minute (and, with `perSecond`, the second) bucket. */
  | { kind: 'count'; figure: string; at: number; by: number; perSecond?: boolean }
  /** Add `by` to a counter of one SKU in its minute bucket. */
  | { kind: 'sku-count'; sku: string; figure: string; at: number; by: number }
  /** A reservation holds units of a SKU for a customer (null: a guest or an address). */
  | { kind: 'hold-opened'; sku: string; reservationId: string; customerId: string | null; quantity: number }
  /** The reservation no longer holds the SKU (committed, released or expired); it never opens again. */
  | { kind: 'hold-closed'; sku: string; reservationId: string }
  | { kind: 'sold-out'; sku: string; at: number }
  | { kind: 'back-in-stock'; sku: string; at: number }
  /** A flash sale's definition and one status it reached, with when. */
  | { kind: 'sale'; sale: SaleDefinition; status: FlashSaleStatus; at: number };

export interface SaleDefinition {
  flashSaleId: string;
  sku: string;
  salePrice: Money;
  units: number;
  perCustomerLimit: number;
  startsAt: string;
  endsAt: string;
}

/** The actor the checkout saga writes order transitions as (apps/payments SAGA_ACTOR). */
export const CHECKOUT_ACTOR = 'checkout';

const SALE_STATUS_OF_EVENT: Record<string, FlashSaleStatus> = {
  'pricing.flash-sale.scheduled.v1': 'scheduled',
  'pricing.flash-sale.started.v1': 'live',
  'pricing.flash-sale.sold-out.v1': 'sold_out',
  'pricing.flash-sale.ended.v1': 'ended',
  'pricing.flash-sale.cancelled.v1': 'cancelled',
};

interface ReservationPayload {
  reservationId: string;
  items: ReservationItem[];
  customerId: string | null;
  replacedBy?: string | undefined;
}

/** The changes an event (already validated against its contract) makes; [] for events not counted. */
export function figureChangesOf(event: EventEnvelope): FigureChange[] {
  const at = Date.parse(event.occurredAt);
  const saleStatus = SALE_STATUS_OF_EVENT[event.eventType];
  if (saleStatus) return [{ kind: 'sale', sale: event.payload as SaleDefinition, status: saleStatus, at }];
  switch (event.eventType) {
    case 'orders.order.created.v1':
      return [{ kind: 'count', figure: Figure.ordersCreated, at, by: 1 }];
    case 'orders.order.status-changed.v1':
      return orderStatusChanged(event.payload as { from: OrderStatus; to: OrderStatus; reason: string | null; actor: string; order: Order }, at);
    case 'orders.order.refunded.v1': {
      const { refund, order } = event.payload as { refund: { amount: number }; order: Pick<Order, 'currency'> };
      return [{ kind: 'count', figure: refundedFigure(order.currency), at, by: refund.amount }];
    }
    case 'inventory.reservation.reserved.v1':
      return reserved(event.payload as ReservationPayload, at);
    case 'inventory.reservation.committed.v1':
      return closed(event.payload as ReservationPayload, at, Figure.unitsCommitted);
    case 'inventory.reservation.released.v1':
    case 'inventory.reservation.expired.v1':
      return released(event.payload as ReservationPayload, at);
    case 'inventory.stock.sold-out.v1':
      return [{ kind: 'sold-out', sku: (event.payload as { sku: string }).sku, at }];
    case 'inventory.stock.changed.v1': {
      const { sku, available } = event.payload as { sku: string; available: number };
      return available > 0 ? [{ kind: 'back-in-stock', sku, at }] : [];
    }
    default:
      return [];
  }
}

function orderStatusChanged(change: { from: OrderStatus; to: OrderStatus; reason: string | null; actor: string; order: Order }, at: number): FigureChange[] {
  if (change.to === 'CONFIRMED') {
    return [
      { kind: 'count', figure: Figure.ordersPaid, at, by: 1 },
      { kind: 'count', figure: revenueFigure(change.order.currency), at, by: change.order.total },
    ];
  }
  // The saga cancels the order it created when a later step fails (stock, price, payment).
  if (change.to === 'CANCELLED' && change.actor === CHECKOUT_ACTOR) {
    return [{ kind: 'count', figure: sagaFailedFigure(change.reason ?? 'UNKNOWN'), at, by: 1 }];
  }
  // The shop cancelled a paid order: the rest of its payment went back (its refunds were counted as they came).
  if (change.to === 'CANCELLED' && isPaidStatus(change.from)) {
    const given = change.order.total - (change.order.refunds ?? []).reduce((sum, r) => sum + r.amount, 0);
    return given > 0 ? [{ kind: 'count', figure: refundedFigure(change.order.currency), at, by: given }] : [];
  }
  return [];
}

function reserved(reservation: ReservationPayload, at: number): FigureChange[] {
  const changes: FigureChange[] = [{ kind: 'count', figure: Figure.reservationsMade, at, by: 1, perSecond: true }];
  for (const item of reservation.items) {
    changes.push(
      { kind: 'sku-count', sku: item.sku, figure: Figure.unitsReserved, at, by: item.quantity },
      { kind: 'hold-opened', sku: item.sku, reservationId: reservation.reservationId, customerId: reservation.customerId, quantity: item.quantity },
    );
  }
  return changes;
}

function closed(reservation: ReservationPayload, at: number, figure: string): FigureChange[] {
  return reservation.items.flatMap((item): FigureChange[] => [
    { kind: 'sku-count', sku: item.sku, figure, at, by: item.quantity },
    { kind: 'hold-closed', sku: item.sku, reservationId: reservation.reservationId },
  ]);
}

function released(reservation: ReservationPayload, at: number): FigureChange[] {
  const changes = closed(reservation, at, Figure.unitsReleased);
  if (reservation.replacedBy !== undefined) changes.push({ kind: 'count', figure: Figure.reservationsReplaced, at, by: 1 });
  return changes;
}
