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
    const { cart, dropped } = mergeCarts(mine, guest, limits, t1);
    expect(cart.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['A-1', 10],
      ['B-1', 1],
      ['C-1', 2],
    ]);
    expect(dropped).toEqual([]);
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
    expect(first.dropped).toEqual([{ sku: 'D-1', reason: 'cart_full' }]);
    const again = mergeCarts(first.cart, guest, limits, t1);
    expect(again.cart).toBe(first.cart);
  });

  it('leaves out lines priced in another currency', () => {
    const mine = cartWith('c_mine', 'user-1', []);
    const guest = cartWith('c_guest', null, [[offer('A-1'), 1]]);
    const foreign: CartState = { meta: guest.meta, lines: guest.lines.map((l) => ({ ...l, unitPrice: { amount: 5, currency: 'USD' } })) };
    expect(mergeCarts(mine, foreign, limits, t1)).toMatchObject({ cart: { lines: [] }, dropped: [{ sku: 'A-1', reason: 'currency' }] });
  });

  it('remembers a bounded number of merged carts', () => {
    let mine = cartWith('c_mine', 'user-1', []);
    for (let i = 0; i < MERGED_FROM_MEMORY + 5; i++) mine = mergeCarts(mine, cartWith(`c_g${i}`, null, []), limits, t1).cart;
    expect(mine.meta.mergedFrom).toHaveLength(MERGED_FROM_MEMORY);
    expect(mine.meta.mergedFrom.at(-1)).toBe(`c_g${MERGED_FROM_MEMORY + 4}`);
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
