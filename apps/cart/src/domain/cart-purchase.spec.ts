import { describe, expect, it } from 'vitest';
import { addItem, applyCoupon, isCartError, newCart, type CartState, type Offer } from './cart.js';
import { PURCHASED_BY_MEMORY, removePurchased } from './cart-purchase.js';
import { offer } from '../../test/variant-fixtures.js';

const t0 = new Date('2026-01-01T10:00:00Z');
const t1 = new Date('2026-01-01T11:00:00Z');
const CHECKOUT = '7b0c1f52-8f0e-4c55-9a43-3f0d7c6f2d11';

function cartWith(items: Array<[Offer, number]>): CartState {
  let cart = newCart('c_cart', null, 'EUR', t0);
  for (const [o, q] of items) {
    const next = addItem(cart, o, q, { maxQuantity: 99, maxLines: 99 }, t0);
    if (isCartError(next)) throw new Error(next.message);
    cart = next;
  }
  return cart;
}

const quantities = (cart: CartState) => cart.lines.map((l) => [l.sku, l.quantity]);

describe('removePurchased', () => {
  it('takes out exactly the bought items and empties a cart that held only them', () => {
    const cart = applyCoupon(cartWith([[offer('A-1'), 2], [offer('B-1'), 1]]), 'WELCOME10', t0);
    const result = removePurchased(cart, CHECKOUT, [{ sku: 'A-1', quantity: 2 }, { sku: 'B-1', quantity: 1 }], t1);
    expect(result.alreadyApplied).toBe(false);
    expect(result.removed).toEqual([{ sku: 'A-1', quantity: 2 }, { sku: 'B-1', quantity: 1 }]);
    expect(result.cart.lines).toEqual([]);
    expect(result.cart.meta).toMatchObject({ purchasedBy: [CHECKOUT], couponCode: null, updatedAt: t1.toISOString() });
  });

  it('keeps what was added during payment and the extra of a raised line', () => {
    // Bought A-1 x2 and B-1 x1; meanwhile A-1 went up to 5 and C-1 was added.
    const cart = cartWith([[offer('A-1'), 5], [offer('B-1'), 1], [offer('C-1'), 3]]);
    const result = removePurchased(cart, CHECKOUT, [{ sku: 'A-1', quantity: 2 }, { sku: 'B-1', quantity: 1 }], t1);
    expect(quantities(result.cart)).toEqual([['A-1', 3], ['C-1', 3]]);
    expect(result.removed).toEqual([{ sku: 'A-1', quantity: 2 }, { sku: 'B-1', quantity: 1 }]);
  });

  it('never removes more than a line holds (the shopper lowered it) and ignores SKUs no longer there', () => {
    const cart = cartWith([[offer('A-1'), 1], [offer('C-1'), 1]]);
    const result = removePurchased(cart, CHECKOUT, [{ sku: 'A-1', quantity: 4 }, { sku: 'B-1', quantity: 1 }], t1);
    expect(quantities(result.cart)).toEqual([['C-1', 1]]);
    expect(result.removed).toEqual([{ sku: 'A-1', quantity: 1 }]);
  });

  it('applies a checkout once: a replay changes nothing, even after the shopper added the same SKU again', () => {
    const cart = cartWith([[offer('A-1'), 2]]);
    const first = removePurchased(cart, CHECKOUT, [{ sku: 'A-1', quantity: 2 }], t1);
    const refilled = addItem(first.cart, offer('A-1'), 2, { maxQuantity: 99, maxLines: 99 }, t1);
    if (isCartError(refilled)) throw new Error(refilled.message);
    const replay = removePurchased(refilled, CHECKOUT, [{ sku: 'A-1', quantity: 2 }], t1);
    expect(replay.alreadyApplied).toBe(true);
    expect(replay.cart).toBe(refilled);
    expect(quantities(replay.cart)).toEqual([['A-1', 2]]);
  });

  it('remembers only the latest checkouts', () => {
    let cart = cartWith([[offer('A-1'), 99]]);
    for (let i = 0; i < PURCHASED_BY_MEMORY + 5; i++) {
      cart = removePurchased(cart, `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, [{ sku: 'A-1', quantity: 1 }], t1).cart;
    }
    expect(cart.meta.purchasedBy).toHaveLength(PURCHASED_BY_MEMORY);
    expect(cart.lines[0]!.quantity).toBe(99 - PURCHASED_BY_MEMORY - 5);
  });
});
