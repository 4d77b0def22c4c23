import type { FlashSaleStatus, SaleLiveView } from '@shop/contracts';
import type { SaleDefinition } from './event-figures.js';
import { type BucketCounts, Figure } from './figures.js';

/** Later statuses win whatever order their events arrive in. */
const STATUS_RANK: Record<FlashSaleStatus, number> = { scheduled: 0, live: 1, sold_out: 2, ended: 3, cancelled: 3 };

/** A sale's status: the furthest one reached (a sale cancelled before it started stays cancelled). */
export function saleStatus(reached: Partial<Record<FlashSaleStatus, number>>): FlashSaleStatus {
  let status: FlashSaleStatus = 'scheduled';
  for (const [name, at] of Object.entries(reached) as [FlashSaleStatus, number | undefined][]) {
    if (at !== undefined && STATUS_RANK[name] >= STATUS_RANK[status]) status = name;
  }
  return status;
}

export interface SaleInputs {
  now: Date;
  sale: SaleDefinition;
  /** When each status was reached (ms). */
  reached: Partial<Record<FlashSaleStatus, number>>;
  /** The SKU's minute buckets from the sale's start to now (or its end), oldest first. */
  minutes: readonly { at: number; counts: BucketCounts }[];
  /** Open holds of the SKU now. */
  holds: readonly { customerId: string | null; quantity: number }[];
}

/**
 * A flash sale's progress: units sold since the start (reservations committed on its SKU),
 * held now, left of its allocation, distinct buyers holding, the cumulative sell-through per
 * minute and the time to sell out.
 */
export function saleProgress(inputs: SaleInputs): SaleLiveView {
  const { sale } = inputs;
  let sold = 0;
  let held = 0;
  const sellThrough = inputs.minutes.map((minute) => {
    const reserved = minute.counts[Figure.unitsReserved] ?? 0;
    const committed = minute.counts[Figure.unitsCommitted] ?? 0;
    const released = minute.counts[Figure.unitsReleased] ?? 0;
    sold += committed;
    held = Math.max(0, held + reserved - committed - released);
    return { at: new Date(minute.at).toISOString(), sold, held };
  });
  const unitsHeld = inputs.holds.reduce((total, h) => total + h.quantity, 0);
  const buyers = new Set(inputs.holds.map((h, i) => h.customerId ?? `guest-${i}`));
  const unitsSold = Math.min(sold, sale.units);
  const soldOutAt = inputs.reached.sold_out ?? null;
  const startedAt = Date.parse(sale.startsAt);
  return {
    flashSaleId: sale.flashSaleId,
    sku: sale.sku,
    status: saleStatus(inputs.reached),
    salePrice: sale.salePrice,
    units: sale.units,
    perCustomerLimit: sale.perCustomerLimit,
    startsAt: sale.startsAt,
    endsAt: sale.endsAt,
    unitsSold,
    unitsHeld,
    unitsLeft: Math.max(0, sale.units - unitsSold - unitsHeld),
    buyersHolding: buyers.size,
    sellThrough,
    soldOutAt: soldOutAt === null ? null : new Date(soldOutAt).toISOString(),
    secondsToSellOut: soldOutAt === null ? null : Math.max(0, Math.round((soldOutAt - startedAt) / 1000)),
    revenue: { amount: unitsSold * sale.salePrice.amount, currency: sale.salePrice.currency },
    currency: sale.salePrice.currency,
  };
}
