import { z } from 'zod';
import { Sku } from '../catalog/catalog.js';
import { defineEvent } from '../events/envelope.js';
import { ReservationId, ReservationItem } from './inventory.js';

/** Reservation events: aggregate = the reservation id, emitted by the partition that coordinates it. */
const ReservationEvent = z.object({
  reservationId: ReservationId,
  items: z.array(ReservationItem),
  customerId: z.string().nullable(),
});

export const ReservationReservedV1 = defineEvent(
  'inventory.reservation.reserved.v1',
  ReservationEvent.extend({ expiresAt: z.iso.datetime() }),
);
/** `replacedBy`: released because this reservation took its place (checkout's hold swap, `replaces`). */
export const ReservationReleasedV1 = defineEvent('inventory.reservation.released.v1', ReservationEvent.extend({ replacedBy: ReservationId.optional() }));
export const ReservationExpiredV1 = defineEvent('inventory.reservation.expired.v1', ReservationEvent);
export const ReservationCommittedV1 = defineEvent('inventory.reservation.committed.v1', ReservationEvent);

const StockLevels = z.object({
  sku: Sku,
  onHand: z.number().int(),
  reserved: z.number().int(),
  committed: z.number().int(),
  available: z.number().int(),
});

/** On-hand stock changed by an admin (set or adjustment); aggregate = the SKU, version = its stock version. */
export const StockChangedV1 = defineEvent(
  'inventory.stock.changed.v1',
  StockLevels.extend({ delta: z.number().int(), kind: z.enum(['set', 'adjust']), reason: z.string().nullable() }),
);
/**
 * Sold units came back into available stock (an order cancelled or refunded after it was paid):
 * committed → available, on hand unchanged. Aggregate = the SKU, version = its stock version.
 * `key` is the restock's idempotency key (`<order or refund id>:<sku>`); `availableBefore` tells
 * a "back in stock" reader whether the SKU was sold out.
 */
export const StockRestockedV1 = defineEvent(
  'inventory.stock.restocked.v1',
  StockLevels.extend({ quantity: z.number().int().min(1), key: z.string(), reason: z.string().nullable(), availableBefore: z.number().int() }),
);
/** Available stock of a SKU reached zero. */
export const StockSoldOutV1 = defineEvent('inventory.stock.sold-out.v1', StockLevels);

/**
 * A flash sale's allocation (SaleLimit `units`) is all held or sold: the sale is sold out though
 * the SKU may have stock left. Aggregate = the SKU, version = its stock version. Emitted each time
 * it runs out (again after released units came back and were taken).
 */
export const SaleAllocationExhaustedV1 = defineEvent(
  'inventory.sale-allocation.exhausted.v1',
  z.object({
    sku: Sku,
    units: z.number().int(),
    unitsTaken: z.number().int(),
    startsAt: z.iso.datetime().nullable(),
    endsAt: z.iso.datetime().nullable(),
  }),
);

export const InventoryEvents = [
  ReservationReservedV1,
  ReservationReleasedV1,
  ReservationExpiredV1,
  ReservationCommittedV1,
  StockChangedV1,
  StockRestockedV1,
  StockSoldOutV1,
  SaleAllocationExhaustedV1,
] as const;
export type ReservationEventPayload = z.infer<typeof ReservationEvent>;
