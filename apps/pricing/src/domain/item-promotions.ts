import { moneyText, type ItemPromotion } from '@shop/contracts';
import type { PromotionIndex, PromotionRule } from './promotion-engine.js';
import { isOpenAt } from './windows.js';

/** A SKU as the promotions target it. */
export interface PromotedItem {
  sku: string;
  productId: string;
  /** With every ancestor. */
  categoryIds: readonly string[];
}

/**
 * The promotions that target this item itself (its SKU, product or category; not cart-wide ones)
 * and are open at `atMs`, in stacking order: what a product page or card can tell a shopper before
 * the cart does. Whether one finally applies is the quote's to say (stacking, exclusivity, a
 * minimum subtotal), so each is described with its conditions, never as a price.
 */
export function promotionsOnItem(index: PromotionIndex, item: PromotedItem, atMs: number, currency: string): ItemPromotion[] {
  const out: ItemPromotion[] = [];
  for (const { promotion } of index.candidates([{ ...item, quantity: 1, unitPrice: 0 }])) {
    const rule = promotion.rule;
    if (rule.target.kind === 'cart' || !isOpenAt(rule, atMs)) continue;
    if (rule.benefit.kind === 'amount_off' && rule.benefit.amount.currency !== currency) continue;
    if (rule.minSubtotal && rule.minSubtotal.currency !== currency) continue;
    out.push({ id: rule.id, name: rule.name, summary: promotionSummary(rule) });
  }
  return out;
}

/** The benefit in a shopper's words: "20% off", "€5.00 off each", "buy 2, get 1 free", "free shipping", with its minimum. */
export function promotionSummary(rule: Pick<PromotionRule, 'benefit' | 'minSubtotal'>): string {
  const b = rule.benefit;
  const what =
    b.kind === 'percent_off'
      ? `${b.percent}% off`
      : b.kind === 'amount_off'
        ? `${moneyText(b.amount.amount, b.amount.currency)} off each`
        : b.kind === 'buy_x_get_y'
          ? `buy ${b.buy}, get ${b.get} free`
          : 'free shipping';
  return rule.minSubtotal ? `${what} on orders from ${moneyText(rule.minSubtotal.amount, rule.minSubtotal.currency)}` : what;
}
