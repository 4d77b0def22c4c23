import { describe, expect, it } from 'vitest';
import { VariantsQuery } from '../catalog/catalog.js';
import { AddCartItemBody, BuyNowCartBody, CartCustomerId, CartId, UpdateCartItemBody } from './cart.js';

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('cart contracts', () => {
  it('accepts only c_ + 22 base64url characters as a cart id', () => {
    expect(CartId.safeParse('c_AbCdEfGhIjKlMnOpQrSt-_').success).toBe(true);
    for (const bad of ['c_short', 'x_AbCdEfGhIjKlMnOpQrSt-_', 'c_AbCdEfGhIjKlMnOpQrSt{}']) expect(CartId.safeParse(bad).success).toBe(false);
  });

  it('keeps braces out of customer ids (they would break Redis hash tags)', () => {
    expect(CartCustomerId.safeParse('4f1c2a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f').success).toBe(true);
    expect(CartCustomerId.safeParse('a{b}').success).toBe(false);
  });

  it('defaults the quantity to 1 and names bad fields', () => {
    expect(AddCartItemBody.parse({ sku: 'A-1' })).toEqual({ sku: 'A-1', quantity: 1 });
    expect(issues(AddCartItemBody.safeParse({ sku: 'a-1', quantity: 0 }))).toEqual([
      'sku: must be upper-case letters, digits and hyphens',
      'quantity: must be at least 1',
    ]);
    expect(issues(UpdateCartItemBody.safeParse({ quantity: 1000 }))).toEqual(['quantity: must be at most 999']);
  });

  it('takes only a SKU for a Buy now cart: one unit, no quantity to choose', () => {
    expect(BuyNowCartBody.parse({ sku: 'A-1' })).toEqual({ sku: 'A-1' });
    expect(issues(BuyNowCartBody.safeParse({ sku: 'a-1' }))).toEqual(['sku: must be upper-case letters, digits and hyphens']);
    expect(issues(BuyNowCartBody.safeParse({ sku: 'A-1', quantity: 2 }))).toEqual([': Unrecognized key: "quantity"']);
  });

  it('splits a SKU list, dropping blanks and duplicates', () => {
    expect(VariantsQuery.parse({ skus: 'A-1, B-2,,A-1' })).toEqual({ skus: ['A-1', 'B-2'] });
    expect(issues(VariantsQuery.safeParse({ skus: ',' }))).toEqual(['skus: must name at least one SKU']);
  });
});
