import type { OrderDiscount } from './orders.js';
import { describe, expect, it } from 'vitest';
import { discountRowsOf, lineDiscountOf } from './order-discounts.js';

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
      ['Coupon WELCOME10', 500, []],
      ['Free shipping', 495, []],
    ]);
    expect(rows.reduce((n, r) => n + r.amount, 0)).toBe(995);
    expect(discountRowsOf([])).toEqual([]);
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
