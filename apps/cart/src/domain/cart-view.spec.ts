import { describe, expect, it } from 'vitest';
import type { Money, VariantView } from '@shop/contracts';
import { addItem, isCartError, newCart, type CartState } from './cart.js';
import { NOT_QUOTED, viewCart, type CatalogCheck } from './cart-view.js';
import type { Quote } from '@shop/contracts';
import { offer, variant } from '../../test/variant-fixtures.js';

const t0 = new Date('2026-01-01T10:00:00Z');

function cart(): CartState {
  let c = newCart('c_1', null, 'EUR', t0);
  for (const [sku, amount, quantity] of [
    ['A-1', 1000, 2],
    ['B-1', 250, 3],
    ['C-1', 999, 1],
  ] as const) {
    const next = addItem(c, offer(sku, amount), quantity, { maxQuantity: 99, maxLines: 99 }, t0);
    if (isCartError(next)) throw new Error(next.message);
    c = next;
  }
  return c;
}

function check(variants: VariantView[], prices: Record<string, Money> = {}): CatalogCheck {
  return {
    variants: new Map(variants.map((v) => [v.sku, v])),
    prices: new Map(variants.map((v) => [v.sku, prices[v.sku] ?? v.price])),
  };
}

describe('viewCart', () => {
  it('totals the lines at their current prices', () => {
    const view = viewCart(cart(), check([variant('A-1', 1000), variant('B-1', 250), variant('C-1', 999)]), NOT_QUOTED, 3600);
    expect(view.lines.map((l) => [l.sku, l.status, l.lineTotal.amount, l.priceChanged])).toEqual([
      ['A-1', 'available', 2000, false],
      ['B-1', 'available', 750, false],
      ['C-1', 'available', 999, false],
    ]);
    expect(view.totals).toEqual({ subtotal: { amount: 3749, currency: 'EUR' }, discountTotal: { amount: 0, currency: 'EUR' }, shipping: null, total: { amount: 3749, currency: 'EUR' }, itemCount: 6 });
    expect(view.verified).toBe(true);
    expect(view.expiresAt).toBe('2026-01-01T11:00:00.000Z');
  });

  it('flags a changed price and totals with the new one, keeping the price the line was added at', () => {
    const view = viewCart(cart(), check([variant('A-1', 1200), variant('B-1', 250), variant('C-1', 999)]), NOT_QUOTED, 3600);
    expect(view.lines[0]).toMatchObject({
      unitPrice: { amount: 1000 },
      currentUnitPrice: { amount: 1200 },
      priceChanged: true,
      lineTotal: { amount: 2400 },
    });
    expect(view.totals.subtotal.amount).toBe(2400 + 750 + 999);
  });

  it('marks unknown, inactive and foreign-priced SKUs unavailable and leaves them out of the totals', () => {
    const view = viewCart(
      cart(),
      check([variant('A-1', 1000, { status: 'archived', productTitle: 'Renamed' }), variant('B-1', 250)]),
      NOT_QUOTED,
      3600,
    );
    expect(view.lines.map((l) => [l.sku, l.status])).toEqual([
      ['A-1', 'unavailable'],
      ['B-1', 'available'],
      ['C-1', 'unavailable'],
    ]);
    expect(view.lines[0]).toMatchObject({ productTitle: 'Renamed', currentUnitPrice: null });
    expect(view.totals).toEqual({ subtotal: { amount: 750, currency: 'EUR' }, discountTotal: { amount: 0, currency: 'EUR' }, shipping: null, total: { amount: 750, currency: 'EUR' }, itemCount: 3 });
    const foreign = viewCart(cart(), check([variant('A-1'), variant('B-1'), variant('C-1')], { 'B-1': { amount: 1, currency: 'USD' } }), NOT_QUOTED, 60);
    expect(foreign.lines[1].status).toBe('unavailable');
  });

  it('serves the stored lines as unverified when the catalog could not be asked', () => {
    const view = viewCart(cart(), null, NOT_QUOTED, 3600);
    expect(view.verified).toBe(false);
    expect(view.lines.every((l) => l.status === 'unverified' && l.currentUnitPrice === null && !l.priceChanged)).toBe(true);
    expect(view.totals).toEqual({ subtotal: { amount: 3749, currency: 'EUR' }, discountTotal: { amount: 0, currency: 'EUR' }, shipping: null, total: { amount: 3749, currency: 'EUR' }, itemCount: 6 });
    expect(view.lines[0]).toMatchObject({ productTitle: 'Product A-1', attributes: { size: 'M' }, image: null });
  });

  it('shows the quote: sale prices with the list price to strike, discounts with reasons, shipping and total, the coupon applied', () => {
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    const coupon = { source: 'coupon' as const, sourceId: 'WELCOME10', label: 'WELCOME10', reason: 'coupon WELCOME10: 10% off', amount: 200 };
    const quote: Quote = {
      lines: [
        { sku: 'A-1', quantity: 2, unitPrice: eur(800), listPrice: eur(1000), priceSource: 'flash_sale', discounts: [coupon], total: eur(1400) },
        { sku: 'B-1', quantity: 3, unitPrice: eur(250), listPrice: eur(250), priceSource: 'list', discounts: [], total: eur(750) },
        { sku: 'C-1', quantity: 1, unitPrice: eur(999), listPrice: eur(999), priceSource: 'list', discounts: [], total: eur(999) },
      ],
      cartDiscounts: [],
      couponCode: 'WELCOME10',
      subtotal: eur(3349),
      discountTotal: eur(200),
      shipping: { amount: eur(495), discounts: [], total: eur(495) },
      total: eur(3644),
      currency: 'EUR',
      customerGroup: null,
      quotedAt: t0.toISOString(),
      expiresAt: t0.toISOString(),
      signature: 'sig',
    };
    const c = cart();
    c.meta.couponCode = 'WELCOME10';
    const view = viewCart(c, check([variant('A-1', 1000), variant('B-1', 250), variant('C-1', 999)]), { quote }, 3600);
    expect(view.lines[0]).toMatchObject({ currentUnitPrice: eur(800), listPrice: eur(1000), discounts: [coupon], lineTotal: eur(1600), priceChanged: true });
    expect(view.totals).toEqual({ subtotal: eur(3349), discountTotal: eur(200), shipping: eur(495), total: eur(3644), itemCount: 6 });
    expect(view).toMatchObject({ quoted: true, quote, coupon: { code: 'WELCOME10', status: 'applied', reason: null } });

    // Pricing priced the cart without the coupon and said why: the cart shows that, and the quote's totals.
    const message = 'Coupon WELCOME10 has ended, so it is no longer taken off your total.';
    const withoutCoupon: Quote = {
      ...quote,
      lines: quote.lines.map((l) => ({ ...l, discounts: [], total: eur(l.unitPrice.amount * l.quantity) })),
      couponCode: null,
      couponRejection: { code: 'WELCOME10', reason: 'expired', message },
      discountTotal: eur(0),
      total: eur(3844),
    };
    const refused = viewCart(c, check([variant('A-1', 1000), variant('B-1', 250), variant('C-1', 999)]), { quote: withoutCoupon }, 3600);
    expect(refused.coupon).toEqual({ code: 'WELCOME10', status: 'not_applied', reason: 'expired', message });
    expect(refused.totals).toEqual({ subtotal: eur(3349), discountTotal: eur(0), shipping: eur(495), total: eur(3844), itemCount: 6 });
    expect(refused.lines[0]).toMatchObject({ discounts: [], lineTotal: eur(1600) });
    const silent = viewCart(c, check([variant('A-1', 1000), variant('B-1', 250), variant('C-1', 999)]), { quote: { ...quote, couponCode: null } }, 3600);
    expect(silent.coupon).toMatchObject({ status: 'not_applied', reason: 'not_applicable' });
    const unpriced = viewCart(c, check([variant('A-1', 1000), variant('B-1', 250), variant('C-1', 999)]), NOT_QUOTED, 3600);
    expect(unpriced).toMatchObject({ quoted: false, quote: null, coupon: { code: 'WELCOME10', status: 'unverified' } });
    expect(unpriced.lines[0]).toMatchObject({ currentUnitPrice: eur(1000), listPrice: eur(1000), discounts: [] });
    // The catalog down: no quote is shown even if one was had.
    expect(viewCart(c, null, { quote }, 3600)).toMatchObject({ quoted: false, quote: null, verified: false });
  });
});
