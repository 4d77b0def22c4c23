import type { AppliedDiscount } from '@shop/contracts';
import { percentOf, spreadProportionally } from '../domain/money-split.js';
import { promotionReason, type EngineLine, type EngineOptions, type EngineResult, type PromotionRule } from '../domain/promotion-engine.js';
import { isOpenAt, nextBoundaryAfter } from '../domain/windows.js';

/**
 * The benchmark's baseline (npm run bench:pricing), not used to price anything: promotions
 * evaluated the way the large open-source shops do it — every promotion, freshly loaded, tested
 * against every line of the cart, with no index and nothing prepared in advance (the stacking
 * order sorted and every reason written per quote). It follows the same stacking rules and
 * arithmetic as `quoteLines` (domain/promotion-engine.ts), and a unit test holds the two to the
 * same answers on random carts, so the bench compares the cost of the approach, not of different
 * results. Coupons are left out: the bench quotes carts without one.
 */
export function naiveQuoteLines(rules: readonly PromotionRule[], lines: readonly EngineLine[], options: Omit<EngineOptions, 'coupon'>): EngineResult {
  const { atMs, currency } = options;
  const n = lines.length;
  const remaining = lines.map((l) => l.unitPrice * l.quantity);
  const subtotal = remaining.reduce((s, v) => s + v, 0);
  const touched = new Array<boolean>(n).fill(false);
  const locked = new Array<boolean>(n).fill(false);
  const results = lines.map(() => ({ discounts: [] as AppliedDiscount[], total: 0 }));
  const cartDiscounts: AppliedDiscount[] = [];
  const shippingDiscounts: AppliedDiscount[] = [];
  let shippingLeft = options.shippingFee;
  let shippingLocked = false;
  let anyDiscount = false;
  let nextChangeMs = Infinity;

  const ordered = rules
    .filter((r) => r.active)
    .sort((a, b) => b.priority - a.priority || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  for (const rule of ordered) {
    // Every promotion against every line.
    const targeted: number[] = [];
    for (let i = 0; i < n; i++) if (targets(rule, lines[i]!)) targeted.push(i);
    if (targeted.length === 0) continue;
    const reason = promotionReason(rule);
    nextChangeMs = Math.min(nextChangeMs, nextBoundaryAfter(rule, atMs));
    if (!isOpenAt(rule, atMs)) continue;
    if (rule.minSubtotal && (rule.minSubtotal.currency !== currency || subtotal < rule.minSubtotal.amount)) continue;
    const benefit = rule.benefit;
    const cartWide = rule.target.kind === 'cart';

    if (benefit.kind === 'free_shipping') {
      if (shippingLocked || shippingLeft <= 0) continue;
      shippingDiscounts.push({ source: 'promotion', sourceId: rule.id, label: rule.name, reason, amount: shippingLeft });
      shippingLeft = 0;
      if (rule.exclusive) shippingLocked = true;
      continue;
    }
    if (benefit.kind === 'amount_off' && benefit.amount.currency !== currency) continue;
    if (rule.exclusive && cartWide && anyDiscount) continue;
    const eligible = targeted.filter((i) => !locked[i] && !(rule.exclusive && touched[i]) && remaining[i]! > 0);
    if (eligible.length === 0) continue;

    const shares = new Map<number, number>();
    if (benefit.kind === 'percent_off') {
      for (const i of eligible) shares.set(i, percentOf(remaining[i]!, benefit.percent));
    } else if (benefit.kind === 'amount_off' && cartWide) {
      const split = new Array<number>(eligible.length);
      spreadProportionally(benefit.amount.amount, eligible.map((i) => remaining[i]!), split);
      eligible.forEach((i, k) => shares.set(i, split[k]!));
    } else if (benefit.kind === 'amount_off') {
      for (const i of eligible) shares.set(i, Math.min(remaining[i]!, benefit.amount.amount * lines[i]!.quantity));
    } else {
      // Buy X get Y: of every buy+get units, the `get` cheapest (by what is left per unit) are free.
      let free = Math.floor(eligible.reduce((s, i) => s + lines[i]!.quantity, 0) / (benefit.buy + benefit.get)) * benefit.get;
      const byUnitValue = [...eligible].sort((a, b) => remaining[a]! / lines[a]!.quantity - remaining[b]! / lines[b]!.quantity || a - b);
      for (const i of byUnitValue) {
        if (free === 0) break;
        const quantity = lines[i]!.quantity;
        const take = Math.min(free, quantity);
        shares.set(i, take === quantity ? remaining[i]! : Math.floor((remaining[i]! * take * 2 + quantity) / (2 * quantity)));
        free -= take;
      }
    }

    let given = 0;
    for (const i of eligible) {
      const amount = shares.get(i) ?? 0;
      if (amount <= 0) continue;
      given += amount;
      remaining[i] = remaining[i]! - amount;
      touched[i] = true;
      if (rule.exclusive) locked[i] = true;
      results[i]!.discounts.push({ source: 'promotion', sourceId: rule.id, label: rule.name, reason: cartWide ? `${reason} (this line's share)` : reason, amount });
    }
    if (given === 0) continue;
    anyDiscount = true;
    if (cartWide) {
      cartDiscounts.push({ source: 'promotion', sourceId: rule.id, label: rule.name, reason, amount: given });
      if (rule.exclusive) locked.fill(true);
    }
  }

  let linesTotal = 0;
  for (let i = 0; i < n; i++) {
    results[i]!.total = remaining[i]!;
    linesTotal += remaining[i]!;
  }
  return {
    lines: results,
    cartDiscounts,
    shipping: { amount: options.shippingFee, discounts: shippingDiscounts, total: shippingLeft },
    subtotal,
    discountTotal: subtotal - linesTotal + (options.shippingFee - shippingLeft),
    total: linesTotal + shippingLeft,
    nextChangeMs,
    couponApplied: false,
  };
}

function targets(rule: PromotionRule, line: EngineLine): boolean {
  const t = rule.target;
  switch (t.kind) {
    case 'cart':
      return true;
    case 'sku':
      return t.skus.includes(line.sku);
    case 'product':
      return t.productIds.includes(line.productId);
    case 'category':
      return t.categoryIds.some((c) => line.categoryIds.includes(c));
  }
}
