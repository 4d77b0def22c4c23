import type { CartLimits, CartState } from './cart.js';

/** How many merged guest-cart ids a cart remembers (enough to make a retried merge a no-op). */
export const MERGED_FROM_MEMORY = 20;

export interface DroppedLine {
  sku: string;
  reason: 'currency' | 'cart_full';
}

export interface MergeResult {
  cart: CartState;
  dropped: DroppedLine[];
}

/**
 * Moves a guest cart's lines into a customer's cart: quantities of the same SKU add up, capped
 * at the per-line maximum; new SKUs are appended while there is room. Merging the same guest
 * cart twice changes nothing. Lines keep the price they were added at; reads re-price them.
 */
export function mergeCarts(target: CartState, source: CartState, limits: CartLimits, now: Date): MergeResult {
  if (target.meta.mergedFrom.includes(source.meta.id)) return { cart: target, dropped: [] };
  const lines = [...target.lines];
  const dropped: DroppedLine[] = [];
  for (const line of source.lines) {
    if (line.unitPrice.currency !== target.meta.currency) {
      dropped.push({ sku: line.sku, reason: 'currency' });
      continue;
    }
    const at = lines.findIndex((l) => l.sku === line.sku);
    if (at >= 0) {
      const mine = lines[at];
      // The more recently priced snapshot wins; the quantities add up.
      const newer = line.pricedAt > mine.pricedAt ? line : mine;
      lines[at] = { ...newer, addedAt: mine.addedAt, quantity: Math.min(mine.quantity + line.quantity, limits.maxQuantity) };
    } else if (lines.length < limits.maxLines) {
      lines.push({ ...line, quantity: Math.min(line.quantity, limits.maxQuantity) });
    } else {
      dropped.push({ sku: line.sku, reason: 'cart_full' });
    }
  }
  const mergedFrom = [...target.meta.mergedFrom, source.meta.id].slice(-MERGED_FROM_MEMORY);
  // The customer's own coupon wins; a guest's coupon comes along when the customer had none.
  const couponCode = target.meta.couponCode ?? source.meta.couponCode;
  return { cart: { meta: { ...target.meta, mergedFrom, couponCode, updatedAt: now.toISOString() }, lines }, dropped };
}
