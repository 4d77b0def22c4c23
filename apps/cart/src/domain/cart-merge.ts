import type { CartMergeAdjustment } from '@shop/contracts';
import type { CartLimits, CartLineRecord, CartState } from './cart.js';

/** How many merged guest-cart ids a cart remembers (enough to make a retried merge a no-op). */
export const MERGED_FROM_MEMORY = 20;

/**
 * Units inventory can still sell, by SKU (a SKU it has no count of: 0), for the guest cart's SKUs;
 * null when inventory could not say: the merge then goes on unchecked, as an add does.
 */
export type MergeStock = ReadonlyMap<string, number> | null;

export interface MergeResult {
  cart: CartState;
  /** The guest lines that did not come over whole, and why; empty when everything fit. */
  adjusted: CartMergeAdjustment[];
}

/**
 * Moves a guest cart's lines into a customer's cart: quantities of the same SKU add up and new
 * SKUs are appended, but never beyond the per-line maximum, the cart's room or what inventory can
 * still sell (`stock`). A merge never fails: what does not fit is cut down or left out and named
 * in `adjusted`, so the shopper can be told ("only 3 left"). The merge never takes away what the
 * customer's own cart already held. Merging the same guest cart twice changes nothing. Lines keep
 * the price they were added at; reads re-price them.
 */
export function mergeCarts(target: CartState, source: CartState, limits: CartLimits, now: Date, stock: MergeStock = null): MergeResult {
  if (target.meta.mergedFrom.includes(source.meta.id)) return { cart: target, adjusted: [] };
  const lines = [...target.lines];
  const adjusted: CartMergeAdjustment[] = [];
  const adjust = (line: CartLineRecord, reason: CartMergeAdjustment['reason'], requested: number, quantity: number, available: number | null = null) =>
    adjusted.push({ sku: line.sku, productTitle: line.productTitle, title: line.title, reason, requested, quantity, available });
  for (const line of source.lines) {
    if (line.unitPrice.currency !== target.meta.currency) {
      adjust(line, 'currency', line.quantity, 0);
      continue;
    }
    const at = lines.findIndex((l) => l.sku === line.sku);
    const mine = at >= 0 ? lines[at] : undefined;
    const had = mine?.quantity ?? 0;
    const requested = had + line.quantity;
    const { quantity, reason, available } = allowed(line.sku, had, requested, limits, stock);
    if (!mine && quantity > 0 && lines.length >= limits.maxLines) {
      adjust(line, 'cart_full', requested, 0);
      continue;
    }
    if (reason) adjust(line, reason, requested, quantity, available);
    if (mine) {
      if (quantity === had) continue;
      // The more recently priced snapshot wins.
      const newer = line.pricedAt > mine.pricedAt ? line : mine;
      lines[at] = { ...newer, addedAt: mine.addedAt, quantity };
    } else if (quantity > 0) {
      lines.push({ ...line, quantity });
    }
  }
  const mergedFrom = [...target.meta.mergedFrom, source.meta.id].slice(-MERGED_FROM_MEMORY);
  // The customer's own coupon wins; a guest's coupon comes along when the customer had none.
  const couponCode = target.meta.couponCode ?? source.meta.couponCode;
  return { cart: { meta: { ...target.meta, mergedFrom, couponCode, updatedAt: now.toISOString() }, lines }, adjusted };
}

/**
 * How much of `requested` units of a SKU the merged line may hold: at most the per-line maximum,
 * then at most what inventory can sell, but never less than the customer already `had`.
 */
function allowed(
  sku: string,
  had: number,
  requested: number,
  limits: CartLimits,
  stock: MergeStock,
): { quantity: number; reason: 'quantity_limit' | 'out_of_stock' | null; available: number | null } {
  let quantity = requested;
  let reason: 'quantity_limit' | 'out_of_stock' | null = null;
  if (quantity > limits.maxQuantity) {
    quantity = Math.max(had, limits.maxQuantity);
    reason = 'quantity_limit';
  }
  const available = stock ? (stock.get(sku) ?? 0) : null;
  if (available !== null && quantity > available && quantity > had) {
    quantity = Math.max(had, available);
    reason = 'out_of_stock';
  }
  return { quantity, reason, available: reason === 'out_of_stock' ? available : null };
}
