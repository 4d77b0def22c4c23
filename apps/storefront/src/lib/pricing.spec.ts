import { MAX_SKUS_PER_PRICES_QUERY, type Quote } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { couponOf, priceCalls, type PricedCart } from './pricing';

describe('priceCalls', () => {
  it('asks once for a page of up to 100 SKUs, and splits only beyond the API limit', () => {
    expect(priceCalls(['A-1', 'A-2', 'A-1'])).toEqual([['A-1', 'A-2']]);
    const many = Array.from({ length: 230 }, (_, i) => `S-${i}`);
    const calls = priceCalls(many);
    expect(calls.map((c) => c.length)).toEqual([MAX_SKUS_PER_PRICES_QUERY, MAX_SKUS_PER_PRICES_QUERY, 30]);
    expect(calls.flat()).toEqual(many);
    expect(priceCalls([])).toEqual([]);
  });
});

describe('couponOf', () => {
  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  const quote = (over: Partial<Quote>): Quote => ({
    lines: [],
    cartDiscounts: [],
    couponCode: null,
    subtotal: eur(1000),
    discountTotal: eur(0),
    shipping: { amount: eur(0), discounts: [], total: eur(0) },
    total: eur(1000),
    currency: 'EUR',
    customerGroup: null,
    quotedAt: '2026-12-05T10:00:00.000Z',
    expiresAt: '2026-12-05T10:15:00.000Z',
    signature: 'sig',
    ...over,
  });
  const cart = (coupon: PricedCart['coupon']) => ({ coupon }) as PricedCart;

  it("is the cart service's view of its coupon when it has one", () => {
    const notApplied = { code: 'SPRING10', status: 'not_applied' as const, reason: 'exhausted' as const, message: 'm' };
    expect(couponOf(cart(notApplied), quote({ couponCode: 'SPRING10' }))).toBe(notApplied);
  });

  it('else what the quote says: the code applied, or why it is not taken off', () => {
    expect(couponOf(cart(null), quote({ couponCode: 'SPRING10' }))).toEqual({ code: 'SPRING10', status: 'applied', reason: null, message: null });
    const rejection = { code: 'SPRING10', reason: 'exhausted' as const, message: 'Coupon SPRING10 has run out, so it is no longer taken off your total.' };
    expect(couponOf(cart(null), quote({ couponRejection: rejection }))).toEqual({ status: 'not_applied', ...rejection });
    expect(couponOf(cart(null), quote({}))).toBeNull();
    expect(couponOf(cart(null), null)).toBeNull();
  });
});
