import type { CartState } from './cart.js';

/** How many checkouts a cart remembers having emptied (enough to make a replayed removal a no-op). */
export const PURCHASED_BY_MEMORY = 20;

export interface PurchasedItem {
  sku: string;
  quantity: number;
}

export interface PurchaseRemoval {
  cart: CartState;
  /** What actually went: a line holds less than was bought when the shopper lowered it meanwhile. */
  removed: PurchasedItem[];
  /** This checkout's items were taken out before: nothing changed. */
  alreadyApplied: boolean;
}

/**
 * Takes a confirmed checkout's items out of the cart it was bought from: each SKU's bought
 * quantity, never more than its line holds now (a line the shopper raised during payment keeps the
 * extra; one they added meanwhile stays untouched). Once per checkout: the cart remembers the
 * checkout ids it applied, so a replayed step or event removes nothing twice.
 */
export function removePurchased(cart: CartState, checkoutId: string, items: readonly PurchasedItem[], now: Date): PurchaseRemoval {
  const applied = cart.meta.purchasedBy ?? [];
  if (applied.includes(checkoutId)) return { cart, removed: [], alreadyApplied: true };
  const bought = new Map<string, number>();
  for (const item of items) bought.set(item.sku, (bought.get(item.sku) ?? 0) + item.quantity);
  const removed: PurchasedItem[] = [];
  const lines = [];
  for (const line of cart.lines) {
    const quantity = bought.get(line.sku);
    if (quantity === undefined) {
      lines.push(line);
      continue;
    }
    const taken = Math.min(quantity, line.quantity);
    removed.push({ sku: line.sku, quantity: taken });
    if (line.quantity > taken) lines.push({ ...line, quantity: line.quantity - taken });
  }
  const purchasedBy = [...applied, checkoutId].slice(-PURCHASED_BY_MEMORY);
  // A cart emptied by its purchase drops the coupon too: it was used on that order.
  const couponCode = lines.length === 0 ? null : cart.meta.couponCode;
  return { cart: { meta: { ...cart.meta, purchasedBy, couponCode, updatedAt: now.toISOString() }, lines }, removed, alreadyApplied: false };
}
