import { describe, expect, it } from 'vitest';
import type { PromotionBenefit, PromotionTarget } from '@shop/contracts';
import { promotionsOnItem, promotionSummary } from './item-promotions.js';
import { PromotionIndex, type PromotionRule } from './promotion-engine.js';

const NOW = Date.parse('2030-01-01T12:00:00Z');
const boot = { sku: 'BOOT-42', productId: 'prod-boot', categoryIds: ['shoes', 'apparel'] };

function promo(id: string, target: PromotionTarget, benefit: PromotionBenefit, over: Partial<PromotionRule> = {}): PromotionRule {
  return { id, name: id, target, benefit, minSubtotal: null, startsAt: null, endsAt: null, priority: 0, exclusive: false, active: true, createdAt: new Date(NOW - 1000), ...over };
}
const pct = (percent: number): PromotionBenefit => ({ kind: 'percent_off', percent });
const on = (promos: PromotionRule[], currency = 'EUR') => promotionsOnItem(PromotionIndex.build(promos), boot, NOW, currency).map((p) => p.id);

describe('promotionsOnItem', () => {
  it('lists what targets the SKU, its product or any of its categories, in stacking order', () => {
    const promos = [
      promo('by-sku', { kind: 'sku', skus: ['BOOT-42'] }, pct(5), { createdAt: new Date(NOW - 2000) }),
      promo('by-product', { kind: 'product', productIds: ['prod-boot'] }, pct(10), { priority: 5 }),
      promo('by-ancestor', { kind: 'category', categoryIds: ['apparel'] }, pct(15)),
      promo('other-sku', { kind: 'sku', skus: ['CAP'] }, pct(50)),
    ];
    expect(on(promos)).toEqual(['by-product', 'by-sku', 'by-ancestor']);
  });

  it('leaves out cart-wide, closed, inactive and other-currency promotions', () => {
    const shoes: PromotionTarget = { kind: 'category', categoryIds: ['shoes'] };
    const promos = [
      promo('cart', { kind: 'cart' }, pct(10)),
      promo('later', shoes, pct(10), { startsAt: new Date(NOW + 1) }),
      promo('over', shoes, pct(10), { endsAt: new Date(NOW) }),
      promo('off', shoes, pct(10), { active: false }),
      promo('usd', shoes, { kind: 'amount_off', amount: { amount: 500, currency: 'USD' } }),
      promo('usd-minimum', shoes, pct(10), { minSubtotal: { amount: 5000, currency: 'USD' } }),
      promo('open', shoes, pct(10), { startsAt: new Date(NOW), endsAt: new Date(NOW + 1) }),
    ];
    expect(on(promos)).toEqual(['open']);
  });
});

describe('promotionSummary', () => {
  it('says the benefit and its minimum in a shopper’s words', () => {
    const s = (benefit: PromotionBenefit, minSubtotal: PromotionRule['minSubtotal'] = null) => promotionSummary({ benefit, minSubtotal });
    expect(s(pct(20))).toBe('20% off');
    expect(s({ kind: 'amount_off', amount: { amount: 500, currency: 'EUR' } })).toBe('€5.00 off each');
    expect(s({ kind: 'buy_x_get_y', buy: 2, get: 1 })).toBe('buy 2, get 1 free');
    expect(s({ kind: 'free_shipping' }, { amount: 5000, currency: 'EUR' })).toBe('free shipping on orders from €50.00');
  });
});
