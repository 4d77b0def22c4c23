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

/** Which promotion or coupon gave a discount. */
export interface DiscountSource {
  source: 'promotion' | 'coupon';
  sourceId: string;
}

const sourceKey = (d: DiscountSource) => `${d.source}:${d.sourceId}`;

/**
 * Promotions and coupons in the order pricing applies them (`quoteLines` in
 * apps/pricing/src/domain/promotion-engine.ts): the promotions in their stacking order, then the
 * coupon, last. Each of `sequences` already keeps that order (one line's discounts, the shipping's,
 * the cart's): a promotion before another in any of them comes before it here; two that never meet
 * on one line keep the order they first appear in. Answers each source's key (`source:sourceId`) once.
 */
export function pricingOrderOf(sequences: readonly (readonly DiscountSource[])[]): string[] {
  const firstSeen = new Map<string, number>();
  const next = new Map<string, Set<string>>();
  const waitsFor = new Map<string, number>();
  const coupons: string[] = [];
  for (const sequence of sequences) {
    let previous: string | null = null;
    for (const d of sequence) {
      const key = sourceKey(d);
      if (d.source === 'coupon') {
        if (!coupons.includes(key)) coupons.push(key);
        continue;
      }
      if (!firstSeen.has(key)) {
        firstSeen.set(key, firstSeen.size);
        next.set(key, new Set());
        waitsFor.set(key, 0);
      }
      if (previous !== null && previous !== key && !next.get(previous)!.has(key)) {
        next.get(previous)!.add(key);
        waitsFor.set(key, waitsFor.get(key)! + 1);
      }
      previous = key;
    }
  }
  // The promotions one by one: of those nothing else must precede, the first seen (were the
  // sequences ever to disagree, the first seen of those left).
  const promotions: string[] = [];
  const left = new Set(firstSeen.keys());
  while (left.size > 0) {
    const ready = [...left].filter((key) => waitsFor.get(key) === 0);
    const pick = (ready.length > 0 ? ready : [...left]).reduce((a, b) => (firstSeen.get(a)! <= firstSeen.get(b)! ? a : b));
    left.delete(pick);
    promotions.push(pick);
    for (const after of next.get(pick)!) waitsFor.set(after, waitsFor.get(after)! - 1);
  }
  return [...promotions, ...coupons];
}

/** `items` (one per promotion or coupon) sorted into `order` (from `pricingOrderOf`); any it does not name keep their place at the end. */
export function sortByPricingOrder<T extends DiscountSource>(items: readonly T[], order: readonly string[]): T[] {
  const rank = (d: T) => {
    const at = order.indexOf(sourceKey(d));
    return at === -1 ? order.length : at;
  };
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.i - b.i)
    .map(({ item }) => item);
}

/**
 * The order's discounts, one row per promotion or coupon: the order records a discount spread over
 * several lines as one share per line (its `sku`), so the shares are added up by their source. The
 * rows come in the order pricing applied them (promotions by their stacking order, then the coupon),
 * as the cart and checkout summaries list them, and add up to the order's discount total.
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
  // Each line's discounts (and the shipping's) were recorded as pricing applied them.
  const bySku = new Map<string, OrderDiscount[]>();
  for (const d of discounts) {
    const sequence = bySku.get(d.sku ?? '');
    if (sequence) sequence.push(d);
    else bySku.set(d.sku ?? '', [d]);
  }
  return sortByPricingOrder([...rows.values()], pricingOrderOf([...bySku.values()]));
}

/** What the discounts took off one line (SKU), with the labels of the promotions and coupons that did: its allocation. */
export function lineDiscountOf(discounts: readonly OrderDiscount[], sku: string): { amount: number; labels: string[] } {
  const on = discounts.filter((d) => d.sku === sku);
  return { amount: on.reduce((n, d) => n + d.amount, 0), labels: [...new Set(on.map((d) => d.label))] };
}
