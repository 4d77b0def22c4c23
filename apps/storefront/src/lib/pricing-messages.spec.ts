import type { Quote } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { couponErrorMessage, couponNotAppliedText, holdErrorMessage, quoteChanges, quoteOf } from './pricing-messages';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

function quote(lines: [string, number, number][], total: number): Quote {
  return {
    lines: lines.map(([sku, quantity, unit]) => ({
      sku,
      quantity,
      unitPrice: eur(unit),
      listPrice: eur(unit),
      priceSource: 'list',
      discounts: [],
      total: eur(unit * quantity),
    })),
    cartDiscounts: [],
    couponCode: null,
    subtotal: eur(total),
    discountTotal: eur(0),
    shipping: { amount: eur(0), discounts: [], total: eur(0) },
    total: eur(total),
    currency: 'EUR',
    customerGroup: null,
    quotedAt: '2026-12-05T10:00:00.000Z',
    expiresAt: '2026-12-05T10:15:00.000Z',
    signature: 'sig',
  };
}

describe('couponErrorMessage', () => {
  it('names the reason the pricing service gave', () => {
    expect(couponErrorMessage(400, { error: { code: 'COUPON_INVALID', message: 'x', details: { reason: 'expired' } } })).toBe('This coupon has expired.');
    expect(couponErrorMessage(400, { error: { code: 'COUPON_INVALID', message: 'x', details: [{ field: 'code', reason: 'unknown' }] } })).toMatch(/don’t know this coupon/);
    expect(couponErrorMessage(409, { error: { code: 'COUPON_EXHAUSTED', message: 'x' } })).toBe('This coupon has been used up.');
  });

  it('passes on a validation reason for the code, and says when coupons cannot be checked', () => {
    expect(couponErrorMessage(400, { error: { code: 'VALIDATION_FAILED', details: [{ field: 'code', reason: 'must be at least 3 characters' }] } })).toBe(
      'The code must be at least 3 characters.',
    );
    expect(couponErrorMessage(503, null)).toMatch(/cannot be checked right now/);
  });
});

describe('couponNotAppliedText', () => {
  it('shows the words pricing sent with the quote, whatever the reason', () => {
    const message = 'Coupon SPRING10 has run out, so it is no longer taken off your total.';
    expect(couponNotAppliedText({ code: 'SPRING10', message })).toBe(message);
  });

  it('says the coupon is not taken off when there are no words to show', () => {
    expect(couponNotAppliedText({ code: 'SPRING10', message: null })).toBe('Coupon SPRING10 isn’t taken off your total right now.');
  });
});

describe('holdErrorMessage', () => {
  it('explains sold out and the per-customer limit', () => {
    expect(holdErrorMessage(409, { error: { code: 'OUT_OF_STOCK' } }, 2)).toMatch(/^Sold out/);
    expect(holdErrorMessage(409, { error: { code: 'LIMIT_EXCEEDED' } }, 2)).toBe('You already have the most this sale allows: 2 per customer.');
  });
});

describe('quoteChanges and quoteOf', () => {
  it('lists the lines whose price moved and both totals', () => {
    const before = quote([['A-1', 1, 1000], ['B-1', 2, 500]], 2000);
    const after = quote([['A-1', 1, 1200], ['B-1', 2, 500]], 2200);
    expect(quoteChanges(before, after)).toEqual({
      lines: [{ sku: 'A-1', quantity: 1, before: eur(1000), after: eur(1200) }],
      totalBefore: eur(2000),
      totalAfter: eur(2200),
    });
    expect(quoteChanges(null, after).lines.map((l) => l.before)).toEqual([null, null]);
  });

  it('finds the new quote in a PRICE_CHANGED answer, bare or wrapped', () => {
    const q = quote([['A-1', 1, 1200]], 1200);
    expect(quoteOf(q)).toBe(q);
    expect(quoteOf({ quote: q })).toBe(q);
    expect(quoteOf({ reason: 'x' })).toBeNull();
    expect(quoteOf(undefined)).toBeNull();
  });
});
