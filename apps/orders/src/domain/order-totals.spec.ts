import { describe, expect, it } from 'vitest';
import { computeTotals, MAX_AMOUNT } from './order-totals.js';

const line = (unitPrice: number, quantity: number, sku = `SKU-${unitPrice}-${quantity}`) => ({ sku, name: sku, unitPrice, quantity });

describe('order totals', () => {
  it.each([
    { lines: [line(2500, 2)], shipping: 0, lineTotals: [5000], subtotal: 5000, total: 5000 },
    { lines: [line(2500, 2), line(999, 3)], shipping: 495, lineTotals: [5000, 2997], subtotal: 7997, total: 8492 },
    { lines: [line(0, 1)], shipping: 0, lineTotals: [0], subtotal: 0, total: 0 },
    { lines: [line(1, 1000)], shipping: 1, lineTotals: [1000], subtotal: 1000, total: 1001 },
  ])('subtotal $subtotal + shipping $shipping = $total', ({ lines, shipping, lineTotals, subtotal, total }) => {
    const result = computeTotals(lines, shipping);
    expect(result).toEqual({ lines: lines.map((l, i) => ({ ...l, lineTotal: lineTotals[i] })), subtotal, discounts: [], discountTotal: 0, shipping, total });
  });

  it('accepts a total of exactly the column limit and refuses one more', () => {
    expect(computeTotals([line(MAX_AMOUNT - 10, 1)], 10)).toMatchObject({ total: MAX_AMOUNT });
    expect(computeTotals([line(MAX_AMOUNT - 10, 1)], 11)).toMatchObject({ code: 'AMOUNT_TOO_LARGE', details: { limit: MAX_AMOUNT } });
    expect(computeTotals([line(100_000_000, 1000)], 0)).toMatchObject({ code: 'AMOUNT_TOO_LARGE' });
  });

  it.each([
    { lines: [line(1.5, 1)], shipping: 0, field: 'lines.0.unitPrice' },
    { lines: [line(100, 1), line(-1, 1)], shipping: 0, field: 'lines.1.unitPrice' },
    { lines: [line(100, 0)], shipping: 0, field: 'lines.0.quantity' },
    { lines: [line(100, 1.5)], shipping: 0, field: 'lines.0.quantity' },
    { lines: [line(100, 1)], shipping: -5, field: 'shipping' },
    { lines: [line(100, 1)], shipping: 0.5, field: 'shipping' },
  ])('refuses a non-whole or negative amount in $field', ({ lines, shipping, field }) => {
    expect(computeTotals(lines, shipping)).toMatchObject({ code: 'INVALID_AMOUNT', details: { field } });
  });

  it('refuses an order without lines', () => {
    expect(computeTotals([], 0)).toMatchObject({ code: 'EMPTY_ORDER' });
  });

  const coupon = (amount: number, sku?: string) => ({ source: 'coupon' as const, sourceId: 'WELCOME10', label: 'Welcome', reason: 'coupon WELCOME10', amount, ...(sku ? { sku } : {}) });

  it.each([
    { lines: [line(2500, 2)], shipping: 495, discounts: [coupon(500)], discountTotal: 500, total: 4995 },
    { lines: [line(2500, 2, 'A'), line(999, 1, 'B')], shipping: 0, discounts: [coupon(250, 'A'), coupon(100)], discountTotal: 350, total: 5649 },
    // Free shipping: the shipping discount takes the fee back off.
    { lines: [line(1000, 1)], shipping: 495, discounts: [coupon(495)], discountTotal: 495, total: 1000 },
  ])('subtotal − $discountTotal + shipping $shipping = $total', ({ lines, shipping, discounts, discountTotal, total }) => {
    expect(computeTotals(lines, shipping, discounts)).toMatchObject({ discounts, discountTotal, total });
  });

  it('never goes below 0 when the discounts exceed the goods and shipping', () => {
    expect(computeTotals([line(300, 1)], 100, [coupon(1000)])).toMatchObject({ subtotal: 300, discountTotal: 1000, total: 0 });
  });

  it('refuses a negative or fractional discount, and one naming a SKU the order lacks', () => {
    expect(computeTotals([line(300, 1)], 0, [coupon(-1)])).toMatchObject({ code: 'INVALID_AMOUNT', details: { field: 'discounts.0.amount' } });
    expect(computeTotals([line(300, 1)], 0, [coupon(1.5)])).toMatchObject({ code: 'INVALID_AMOUNT', details: { field: 'discounts.0.amount' } });
    expect(computeTotals([line(300, 1, 'A')], 0, [coupon(10, 'B')])).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'discounts.0.sku' } });
  });
});
