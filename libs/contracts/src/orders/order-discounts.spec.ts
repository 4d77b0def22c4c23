import type { OrderDiscount } from './orders.js';
import { describe, expect, it } from 'vitest';
import { discountRowsOf, lineDiscountOf, pricingOrderOf, sortByPricingOrder } from './order-discounts.js';

const coupon = (sku: string | undefined, amount: number): OrderDiscount => ({
  source: 'coupon',
  sourceId: 'WELCOME10',
  label: 'Coupon WELCOME10',
  reason: '10% off',
  amount,
  ...(sku ? { sku } : {}),
});
const promotion: OrderDiscount = { source: 'promotion', sourceId: 'p-1', label: 'Summer', reason: '20% off tees', amount: 400, sku: 'TEE-M' };

describe('discountRowsOf', () => {
  it('shows a coupon spread over several lines as one row with its total and each line share', () => {
    const rows = discountRowsOf([promotion, coupon('TEE-M', 160), coupon('CAP', 90), coupon('TEE-M', 1)]);
    expect(rows).toEqual([
      { source: 'promotion', sourceId: 'p-1', label: 'Summer', amount: 400, lines: [{ sku: 'TEE-M', amount: 400 }] },
      { source: 'coupon', sourceId: 'WELCOME10', label: 'Coupon WELCOME10', amount: 251, lines: [{ sku: 'TEE-M', amount: 161 }, { sku: 'CAP', amount: 90 }] },
    ]);
  });

  it('keeps a discount of the cart (no line) as its own row, and the rows add up to the discounts', () => {
    const discounts = [coupon(undefined, 500), { ...promotion, sourceId: 'p-2', label: 'Free shipping', sku: undefined, amount: 495 }];
    const rows = discountRowsOf(discounts);
    expect(rows.map((r) => [r.label, r.amount, r.lines])).toEqual([
      ['Free shipping', 495, []],
      ['Coupon WELCOME10', 500, []],
    ]);
    expect(rows.reduce((n, r) => n + r.amount, 0)).toBe(995);
    expect(discountRowsOf([])).toEqual([]);
  });
});

describe('the order pricing applies discounts in', () => {
  const promo = (sourceId: string, sku?: string, amount = 100): OrderDiscount => ({ source: 'promotion', sourceId, label: `Promotion ${sourceId}`, reason: 'r', amount, ...(sku ? { sku } : {}) });

  it('lists the promotions before the coupon, even when the first line recorded only its coupon share', () => {
    // As checkout records a quote: each line's discounts in turn (promotions by priority, then the coupon's share), then the shipping's.
    const recorded = [coupon('CAP', 90), promo('summer', 'TEE-M', 400), coupon('TEE-M', 160), promo('free-ship')];
    expect(discountRowsOf(recorded).map((r) => r.sourceId)).toEqual(['summer', 'free-ship', 'WELCOME10']);
  });

  it('keeps the promotions in their stacking order across lines, whichever line the page lists first', () => {
    // Pricing ran "cart-10" (higher priority) before "tees": the tee line says so; the cap line knows only "cart-10".
    const tee = [promo('cart-10'), promo('tees')];
    const cap = [promo('cart-10')];
    expect(pricingOrderOf([cap, tee])).toEqual(['promotion:cart-10', 'promotion:tees']);
    expect(pricingOrderOf([[promo('tees')], tee])).toEqual(['promotion:cart-10', 'promotion:tees']);
    // Two promotions that never meet on a line keep the order they first appear in.
    expect(pricingOrderOf([[promo('a')], [promo('b')]])).toEqual(['promotion:a', 'promotion:b']);
    expect(pricingOrderOf([])).toEqual([]);
  });

  it('sorts rows by that order, keeping any it does not name at the end in their own order', () => {
    const rows = [coupon(undefined, 1), promo('b'), promo('x'), promo('a')];
    expect(sortByPricingOrder(rows, ['promotion:a', 'promotion:b', 'coupon:WELCOME10']).map((r) => r.sourceId)).toEqual(['a', 'b', 'WELCOME10', 'x']);
  });
});

describe('lineDiscountOf', () => {
  it("adds up what every promotion and coupon took off one line, naming them once", () => {
    const discounts = [promotion, coupon('TEE-M', 160), coupon('CAP', 90), coupon(undefined, 50)];
    expect(lineDiscountOf(discounts, 'TEE-M')).toEqual({ amount: 560, labels: ['Summer', 'Coupon WELCOME10'] });
    expect(lineDiscountOf(discounts, 'CAP')).toEqual({ amount: 90, labels: ['Coupon WELCOME10'] });
    expect(lineDiscountOf(discounts, 'MUG')).toEqual({ amount: 0, labels: [] });
  });
});
