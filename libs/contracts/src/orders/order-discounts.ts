import type { OrderDiscount } from './orders.js';

/** One promotion or coupon of an order, once: its total and, when it was taken off lines, each line's share. */
export interface OrderDiscountRow {
  source: OrderDiscount['source'];
  sourceId: string;
  label: string;
  /** Minor units taken off in all (the sum of its shares). */
  amount: number;
  /** Its share per line (SKU), in the order they were recorded; empty when it came off the cart or its shipping. */
  lines: { sku: string; amount: number }[];
}

/**
 * The order's discounts, one row per promotion or coupon: the order records a discount spread over
 * several lines as one share per line (its `sku`), so the shares are added up by their source. The
 * rows keep the order of each source's first share and add up to the order's discount total.
 */
export function discountRowsOf(discounts: readonly OrderDiscount[]): OrderDiscountRow[] {
  const rows = new Map<string, OrderDiscountRow>();
  for (const d of discounts) {
    const key = `${d.source}:${d.sourceId}`;
    const row = rows.get(key) ?? { source: d.source, sourceId: d.sourceId, label: d.label, amount: 0, lines: [] };
    row.amount += d.amount;
    if (d.sku !== undefined) {
      const line = row.lines.find((l) => l.sku === d.sku);
      if (line) line.amount += d.amount;
      else row.lines.push({ sku: d.sku, amount: d.amount });
    }
    rows.set(key, row);
  }
  return [...rows.values()];
}

/** What the discounts took off one line (SKU), with the labels of the promotions and coupons that did: its allocation. */
export function lineDiscountOf(discounts: readonly OrderDiscount[], sku: string): { amount: number; labels: string[] } {
  const on = discounts.filter((d) => d.sku === sku);
  return { amount: on.reduce((n, d) => n + d.amount, 0), labels: [...new Set(on.map((d) => d.label))] };
}
