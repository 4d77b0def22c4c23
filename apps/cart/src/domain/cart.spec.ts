import { describe, expect, it } from 'vitest';
import { addItem, applyCoupon, canAccess, changeQuantity, freezeForMerge, isCartError, newCart, offerFor, removeCoupon, removeItem, type CartState } from './cart.js';
import { offer, variant } from '../../test/variant-fixtures.js';

const limits = { maxQuantity: 5, maxLines: 2 };
const t0 = new Date('2026-01-01T10:00:00Z');
const t1 = new Date('2026-01-01T10:05:00Z');

function ok(result: ReturnType<typeof addItem>): CartState {
  if (isCartError(result)) throw new Error(result.message);
  return result;
}

describe('offerFor', () => {
  it('offers an active SKU priced in the cart currency', () => {
    const v = variant('A-1', 1500);
    expect(offerFor('A-1', v, v.price, 'EUR')).toEqual({ variant: v, unitPrice: { amount: 1500, currency: 'EUR' } });
  });

  it('refuses unknown, inactive, unpriced and foreign-currency SKUs with their codes', () => {
    const draft = variant('A-1', 100, { status: 'draft' });
    const archived = variant('A-1', 100, { status: 'archived' });
    expect(offerFor('A-1', undefined, undefined, 'EUR')).toMatchObject({ code: 'UNKNOWN_SKU', details: { sku: 'A-1' } });
    expect(offerFor('A-1', draft, draft.price, 'EUR')).toMatchObject({ code: 'SKU_UNAVAILABLE', details: { productStatus: 'draft' } });
    expect(offerFor('A-1', archived, archived.price, 'EUR')).toMatchObject({ code: 'SKU_UNAVAILABLE', details: { productStatus: 'archived' } });
    expect(offerFor('A-1', variant('A-1'), undefined, 'EUR')).toMatchObject({ code: 'SKU_UNAVAILABLE' });
    expect(offerFor('A-1', variant('A-1'), { amount: 100, currency: 'USD' }, 'EUR')).toMatchObject({
      code: 'CURRENCY_MISMATCH',
      details: { currency: 'USD', cartCurrency: 'EUR' },
    });
  });
});

describe('line rules', () => {
  it('adds a new line, then more of the same SKU, re-pricing it and keeping its place', () => {
    const empty = newCart('c_1', null, 'EUR', t0);
    const one = ok(addItem(empty, offer('A-1', 1000), 2, limits, t0));
    const two = ok(addItem(one, offer('B-1', 500), 1, limits, t0));
    const more = ok(addItem(two, offer('A-1', 900), 3, limits, t1));
    expect(more.lines.map((l) => [l.sku, l.quantity, l.unitPrice.amount])).toEqual([
      ['A-1', 5, 900],
      ['B-1', 1, 500],
    ]);
    expect(more.lines[0].addedAt).toBe(t0.toISOString());
    expect(more.lines[0].pricedAt).toBe(t1.toISOString());
    expect(more.meta.updatedAt).toBe(t1.toISOString());
    expect(empty.lines).toEqual([]); // inputs are not mutated
  });

  it('refuses to go over the per-line maximum or the number of lines', () => {
    const cart = ok(addItem(newCart('c_1', null, 'EUR', t0), offer('A-1'), 5, limits, t0));
    expect(addItem(cart, offer('A-1'), 1, limits, t0)).toMatchObject({ code: 'QUANTITY_LIMIT_EXCEEDED', details: { maxQuantity: 5, requested: 6 } });
    const full = ok(addItem(cart, offer('B-1'), 1, limits, t0));
    expect(addItem(full, offer('C-1'), 1, limits, t0)).toMatchObject({ code: 'CART_FULL', details: { maxLines: 2 } });
    // More of a SKU already there is fine when the cart is full.
    expect(isCartError(addItem(full, offer('B-1'), 1, limits, t0))).toBe(false);
  });

  it('sets a quantity within the limit, only for a line that exists', () => {
    const cart = ok(addItem(newCart('c_1', null, 'EUR', t0), offer('A-1', 1000), 1, limits, t0));
    const changed = changeQuantity(cart, offer('A-1', 1100), 4, limits, t1);
    expect(isCartError(changed) ? changed : changed.lines[0]).toMatchObject({ quantity: 4, unitPrice: { amount: 1100 } });
    expect(changeQuantity(cart, offer('A-1'), 6, limits, t1)).toMatchObject({ code: 'QUANTITY_LIMIT_EXCEEDED' });
    expect(changeQuantity(cart, offer('Z-9'), 1, limits, t1)).toMatchObject({ code: 'NOT_FOUND', details: { sku: 'Z-9' } });
  });

  it('removes a line; removing a missing one returns the same cart (nothing to save)', () => {
    const cart = ok(addItem(newCart('c_1', null, 'EUR', t0), offer('A-1'), 1, limits, t0));
    expect(removeItem(cart, 'A-1', t1).lines).toEqual([]);
    expect(removeItem(cart, 'Z-9', t1)).toBe(cart);
  });
});

describe('stock', () => {
  const empty = newCart('c_1', null, 'EUR', t0);
  const roomy = { maxQuantity: 99, maxLines: 5 };

  it('never holds more of a SKU than inventory can still sell, counting what the cart already has', () => {
    const three = ok(addItem(empty, offer('A-1', 1000), 3, roomy, t0, 7));
    expect(ok(addItem(three, offer('A-1', 1000), 4, roomy, t0, 7)).lines[0]?.quantity).toBe(7);
    expect(addItem(three, offer('A-1', 1000), 5, roomy, t0, 7)).toMatchObject({
      code: 'OUT_OF_STOCK',
      message: 'only 7 of A-1 left; the cart would hold 8',
      details: { sku: 'A-1', available: 7, inCart: 3, requested: 8 },
    });
    expect(addItem(empty, offer('A-1', 1000), 1, roomy, t0, 0)).toMatchObject({ code: 'OUT_OF_STOCK', message: 'A-1 is sold out' });
    // Unknown stock (inventory could not say): not checked.
    expect(ok(addItem(empty, offer('A-1', 1000), 13, roomy, t0, null)).lines[0]?.quantity).toBe(13);
  });

  it('refuses raising a line over the stock, but lets a line that is over it come down', () => {
    const thirteen = ok(addItem(empty, offer('A-1', 1000), 13, roomy, t0));
    expect(changeQuantity(thirteen, offer('A-1', 1000), 14, roomy, t1, 7)).toMatchObject({ code: 'OUT_OF_STOCK', details: { available: 7, inCart: 13, requested: 14 } });
    expect(ok(changeQuantity(thirteen, offer('A-1', 1000), 10, roomy, t1, 7)).lines[0]?.quantity).toBe(10);
    const two = ok(addItem(empty, offer('A-1', 1000), 2, roomy, t0));
    expect(ok(changeQuantity(two, offer('A-1', 1000), 7, roomy, t1, 7)).lines[0]?.quantity).toBe(7);
    expect(changeQuantity(two, offer('A-1', 1000), 8, roomy, t1, 7)).toMatchObject({ code: 'OUT_OF_STOCK' });
  });
});

describe('access', () => {
  it('opens a guest cart to anyone with its id, a customer cart to its customer only, a merging cart to nobody', () => {
    const guest = newCart('c_1', null, 'EUR', t0);
    const mine = newCart('c_2', 'user-1', 'EUR', t0);
    expect([canAccess(guest, null), canAccess(guest, 'user-2')]).toEqual([true, true]);
    expect([canAccess(mine, 'user-1'), canAccess(mine, 'user-2'), canAccess(mine, null)]).toEqual([true, false, false]);
    const merging = freezeForMerge(guest, 'user-1', t1);
    expect([canAccess(merging, null), canAccess(merging, 'user-1')]).toEqual([false, false]);
  });
});

describe('the coupon on a cart', () => {
  it('applies one code (replacing another), removes it, and answers the same cart when nothing changes', () => {
    const empty = newCart('c_1', null, 'EUR', t0);
    expect(empty.meta.couponCode).toBeNull();
    const applied = applyCoupon(empty, 'WELCOME10', t1);
    expect(applied.meta).toMatchObject({ couponCode: 'WELCOME10', updatedAt: t1.toISOString() });
    expect(applyCoupon(applied, 'WELCOME10', t1)).toBe(applied);
    expect(applyCoupon(applied, 'SPRING5', t1).meta.couponCode).toBe('SPRING5');
    const removed = removeCoupon(applied, t1);
    expect(removed.meta.couponCode).toBeNull();
    expect(removeCoupon(removed, t1)).toBe(removed);
  });
});
