import type { PublicStockLevel, StockAvailability } from '@shop/contracts';

/** The shopper's view of a SKU's stock: a level, and the count only when it is low or zero. */
export function publicStockOf(sku: string, available: number, lowThreshold: number): PublicStockLevel {
  if (available <= 0) return { sku, level: 'sold_out', available: 0 };
  if (available <= lowThreshold) return { sku, level: 'low', available };
  return { sku, level: 'in_stock', available: null };
}

/** The available counts a level covers (inclusive bounds; no max: unbounded), the inverse of `publicStockOf`. */
export interface AvailableRange {
  min: number | null;
  max: number | null;
}

export function availableRangeOf(level: StockAvailability, lowThreshold: number): AvailableRange {
  switch (level) {
    case 'sold_out':
      return { min: null, max: 0 };
    case 'low':
      return { min: 1, max: lowThreshold };
    case 'in_stock':
      return { min: lowThreshold + 1, max: null };
  }
}
