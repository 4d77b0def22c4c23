import { describe, expect, it } from 'vitest';
import { isCartError } from './cart.js';
import { BUY_NOW_QUANTITY, buyNowCart } from './buy-now-cart.js';
import { offer } from '../../test/variant-fixtures.js';

const t0 = new Date('2026-01-01T10:00:00Z');
const limits = { maxQuantity: 99, maxLines: 100 };

describe('buyNowCart', () => {
  it('holds one unit of the SKU at its price, bound to the customer, with no coupon and no history', () => {
    const cart = buyNowCart('c_buy', 'customer-1', 'EUR', offer('SALE-1', 1450), limits, t0);
    if (isCartError(cart)) throw new Error(cart.message);
    expect(BUY_NOW_QUANTITY).toBe(1);
    expect(cart.lines.map((l) => [l.sku, l.quantity, l.unitPrice])).toEqual([['SALE-1', 1, { amount: 1450, currency: 'EUR' }]]);
    expect(cart.meta).toEqual({
      id: 'c_buy',
      customerId: 'customer-1',
      currency: 'EUR',
      createdAt: t0.toISOString(),
      updatedAt: t0.toISOString(),
      version: 0,
      mergedFrom: [],
      mergingFor: null,
      couponCode: null,
    });
  });

  it('is refused as an add is when even one unit does not fit', () => {
    expect(buyNowCart('c_buy', 'customer-1', 'EUR', offer('SALE-1'), { maxQuantity: 1, maxLines: 0 }, t0)).toMatchObject({ code: 'CART_FULL' });
  });
});
