import type { PublicStockLevel } from '@shop/contracts';

/** The shopper's view of a SKU's stock: a level, and the count only when it is low or zero. */
export function publicStockOf(sku: string, available: number, lowThreshold: number): PublicStockLevel {
  if (available <= 0) return { sku, level: 'sold_out', available: 0 };
  if (available <= lowThreshold) return { sku, level: 'low', available };
  return { sku, level: 'in_stock', available: null };
}
