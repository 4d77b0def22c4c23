import { describe, expect, it } from 'vitest';
import type { Money, VariantView } from '@shop/contracts';
import { addItem, isCartError, newCart, type CartState } from './cart.js';
import { viewCart, type CatalogCheck } from './cart-view.js';
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
    const view = viewCart(cart(), check([variant('A-1', 1000), variant('B-1', 250), variant('C-1', 999)]), 3600);
    expect(view.lines.map((l) => [l.sku, l.status, l.lineTotal.amount, l.priceChanged])).toEqual([
      ['A-1', 'available', 2000, false],
      ['B-1', 'available', 750, false],
      ['C-1', 'available', 999, false],
    ]);
    expect(view.totals).toEqual({ subtotal: { amount: 3749, currency: 'EUR' }, itemCount: 6 });
    expect(view.verified).toBe(true);
    expect(view.expiresAt).toBe('2026-01-01T11:00:00.000Z');
  });

  it('flags a changed price and totals with the new one, keeping the price the line was added at', () => {
    const view = viewCart(cart(), check([variant('A-1', 1200), variant('B-1', 250), variant('C-1', 999)]), 3600);
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
      3600,
    );
    expect(view.lines.map((l) => [l.sku, l.status])).toEqual([
      ['A-1', 'unavailable'],
      ['B-1', 'available'],
      ['C-1', 'unavailable'],
    ]);
    expect(view.lines[0]).toMatchObject({ productTitle: 'Renamed', currentUnitPrice: null });
    expect(view.totals).toEqual({ subtotal: { amount: 750, currency: 'EUR' }, itemCount: 3 });
    const foreign = viewCart(cart(), check([variant('A-1'), variant('B-1'), variant('C-1')], { 'B-1': { amount: 1, currency: 'USD' } }), 60);
    expect(foreign.lines[1].status).toBe('unavailable');
  });

  it('serves the stored lines as unverified when the catalog could not be asked', () => {
    const view = viewCart(cart(), null, 3600);
    expect(view.verified).toBe(false);
    expect(view.lines.every((l) => l.status === 'unverified' && l.currentUnitPrice === null && !l.priceChanged)).toBe(true);
    expect(view.totals).toEqual({ subtotal: { amount: 3749, currency: 'EUR' }, itemCount: 6 });
    expect(view.lines[0]).toMatchObject({ productTitle: 'Product A-1', attributes: { size: 'M' }, image: null });
  });
});
