import { describe, expect, it } from 'vitest';
import { addItem, applyCoupon, isCartError, newCart, type CartState, type Offer } from './cart.js';
import { MERGED_FROM_MEMORY, mergeCarts } from './cart-merge.js';
import { offer } from '../../test/variant-fixtures.js';

const limits = { maxQuantity: 10, maxLines: 3 };
const t0 = new Date('2026-01-01T10:00:00Z');
const t1 = new Date('2026-01-01T11:00:00Z');

function cartWith(id: string, customerId: string | null, items: Array<[Offer, number]>, at = t0): CartState {
  let cart = newCart(id, customerId, 'EUR', at);
  for (const [o, q] of items) {
    const next = addItem(cart, o, q, { maxQuantity: 99, maxLines: 99 }, at);
    if (isCartError(next)) throw new Error(next.message);
    cart = next;
  }
  return cart;
}

describe('mergeCarts', () => {
  it('adds quantities of shared SKUs (capped at the maximum) and appends new SKUs', () => {
    const mine = cartWith('c_mine', 'user-1', [
      [offer('A-1'), 4],
      [offer('B-1'), 1],
    ]);
    const guest = cartWith('c_guest', null, [
      [offer('A-1'), 9],
      [offer('C-1'), 2],
    ]);
    const { cart, adjusted } = mergeCarts(mine, guest, limits, t1);
    expect(cart.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['A-1', 10],
      ['B-1', 1],
      ['C-1', 2],
    ]);
    expect(adjusted).toEqual([{ sku: 'A-1', productTitle: expect.any(String), title: expect.any(String), reason: 'quantity_limit', requested: 13, quantity: 10, available: null }]);
    expect(cart.meta).toMatchObject({ id: 'c_mine', customerId: 'user-1', mergedFrom: ['c_guest'], updatedAt: t1.toISOString() });
  });

  it('keeps the more recently priced snapshot of a shared SKU', () => {
    const mine = cartWith('c_mine', 'user-1', [[offer('A-1', 1000), 1]], t0);
    const guest = cartWith('c_guest', null, [[offer('A-1', 1200), 1]], t1);
    const line = mergeCarts(mine, guest, limits, t1).cart.lines[0];
    expect(line).toMatchObject({ quantity: 2, unitPrice: { amount: 1200 }, addedAt: t0.toISOString() });
  });

  it('is a no-op the second time, and leaves out lines that do not fit', () => {
    const mine = cartWith('c_mine', 'user-1', [
      [offer('A-1'), 1],
      [offer('B-1'), 1],
    ]);
    const guest = cartWith('c_guest', null, [
      [offer('C-1'), 1],
      [offer('D-1'), 1],
    ]);
    const first = mergeCarts(mine, guest, limits, t1);
    expect(first.cart.lines.map((l) => l.sku)).toEqual(['A-1', 'B-1', 'C-1']);
    expect(first.adjusted).toMatchObject([{ sku: 'D-1', reason: 'cart_full', requested: 1, quantity: 0 }]);
    const again = mergeCarts(first.cart, guest, limits, t1);
    expect(again.cart).toBe(first.cart);
    expect(again.adjusted).toEqual([]);
  });

  it('leaves out lines priced in another currency', () => {
    const mine = cartWith('c_mine', 'user-1', []);
    const guest = cartWith('c_guest', null, [[offer('A-1'), 1]]);
    const foreign: CartState = { meta: guest.meta, lines: guest.lines.map((l) => ({ ...l, unitPrice: { amount: 5, currency: 'USD' } })) };
    expect(mergeCarts(mine, foreign, limits, t1)).toMatchObject({ cart: { lines: [] }, adjusted: [{ sku: 'A-1', reason: 'currency', quantity: 0 }] });
  });

  it('remembers a bounded number of merged carts', () => {
    let mine = cartWith('c_mine', 'user-1', []);
    for (let i = 0; i < MERGED_FROM_MEMORY + 5; i++) mine = mergeCarts(mine, cartWith(`c_g${i}`, null, []), limits, t1).cart;
    expect(mine.meta.mergedFrom).toHaveLength(MERGED_FROM_MEMORY);
    expect(mine.meta.mergedFrom.at(-1)).toBe(`c_g${MERGED_FROM_MEMORY + 4}`);
  });
});

describe('mergeCarts against the stock', () => {
  const big = { maxQuantity: 99, maxLines: 10 };
  const stock = (entries: Record<string, number>) => new Map(Object.entries(entries));

  it('caps a shared SKU at what is left and names it, never below what the customer already had', () => {
    const mine = cartWith('c_mine', 'user-1', [
      [offer('A-1'), 2],
      [offer('B-1'), 4],
    ]);
    const guest = cartWith('c_guest', null, [
      [offer('A-1'), 3],
      [offer('B-1'), 1],
    ]);
    const { cart, adjusted } = mergeCarts(mine, guest, big, t1, stock({ 'A-1': 3, 'B-1': 2 }));
    expect(cart.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['A-1', 3],
      ['B-1', 4],
    ]);
    expect(adjusted).toEqual([
      { sku: 'A-1', productTitle: 'Product A-1', title: 'Variant A-1', reason: 'out_of_stock', requested: 5, quantity: 3, available: 3 },
      { sku: 'B-1', productTitle: 'Product B-1', title: 'Variant B-1', reason: 'out_of_stock', requested: 5, quantity: 4, available: 2 },
    ]);
  });

  it('cuts a new SKU to what is left, leaves a sold-out one (or one inventory has no count of) out, and names both', () => {
    const mine = cartWith('c_mine', 'user-1', [[offer('A-1'), 1]]);
    const guest = cartWith('c_guest', null, [
      [offer('C-1'), 5],
      [offer('D-1'), 2],
      [offer('E-1'), 1],
      [offer('F-1'), 2],
    ]);
    const { cart, adjusted } = mergeCarts(mine, guest, big, t1, stock({ 'C-1': 3, 'D-1': 0, 'F-1': 2 }));
    expect(cart.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['A-1', 1],
      ['C-1', 3],
      ['F-1', 2],
    ]);
    expect(adjusted.map(({ sku, reason, requested, quantity, available }) => ({ sku, reason, requested, quantity, available }))).toEqual([
      { sku: 'C-1', reason: 'out_of_stock', requested: 5, quantity: 3, available: 3 },
      { sku: 'D-1', reason: 'out_of_stock', requested: 2, quantity: 0, available: 0 },
      { sku: 'E-1', reason: 'out_of_stock', requested: 1, quantity: 0, available: 0 },
    ]);
  });

  it('merges unchecked when inventory could not say (null), and names nothing that fit', () => {
    const mine = cartWith('c_mine', 'user-1', [[offer('A-1'), 2]]);
    const guest = cartWith('c_guest', null, [
      [offer('A-1'), 3],
      [offer('C-1'), 4],
    ]);
    const { cart, adjusted } = mergeCarts(mine, guest, big, t1, null);
    expect(cart.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['A-1', 5],
      ['C-1', 4],
    ]);
    expect(adjusted).toEqual([]);
    expect(mergeCarts(mine, guest, big, t1, stock({ 'A-1': 5, 'C-1': 9 })).adjusted).toEqual([]);
  });

  it('a line that is both over the per-line maximum and over the stock is named for the stock', () => {
    const mine = cartWith('c_mine', 'user-1', [[offer('A-1'), 8]]);
    const guest = cartWith('c_guest', null, [[offer('A-1'), 5]]);
    const { cart, adjusted } = mergeCarts(mine, guest, limits, t1, stock({ 'A-1': 9 }));
    expect(cart.lines[0]!.quantity).toBe(9);
    expect(adjusted).toMatchObject([{ sku: 'A-1', reason: 'out_of_stock', requested: 13, quantity: 9, available: 9 }]);
  });
});

describe('merging the coupon', () => {
  it("keeps the customer's own coupon, else brings the guest's", () => {
    const mine = cartWith('c_mine', 'user-1', []);
    const guest = applyCoupon(cartWith('c_guest', null, []), 'GUEST5', t0);
    expect(mergeCarts(mine, guest, limits, t1).cart.meta.couponCode).toBe('GUEST5');
    expect(mergeCarts(applyCoupon(mine, 'MINE10', t0), guest, limits, t1).cart.meta.couponCode).toBe('MINE10');
  });
});
