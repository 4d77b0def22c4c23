import { describe, expect, it } from 'vitest';
import { cartErrorMessage } from './cart-errors';

describe('cartErrorMessage', () => {
  it('speaks to the shopper about the cart service’s refusals', () => {
    expect(cartErrorMessage(422, { error: { code: 'QUANTITY_LIMIT_EXCEEDED', message: 'x', details: { maxQuantity: 99, requested: 100 } } })).toBe(
      'You can have at most 99 of this item in your cart.',
    );
    expect(cartErrorMessage(409, { error: { code: 'SKU_UNAVAILABLE', message: 'Product is archived' } })).toBe('Sorry, this item is no longer available.');
  });

  it('never shows a missing route or an outage as it came', () => {
    expect(cartErrorMessage(404, { error: { code: 'NOT_FOUND', message: 'Cannot POST /api/carts' } })).toBe(
      'The cart is not available right now. Please try again in a moment.',
    );
    expect(cartErrorMessage(503, null)).toBe('The cart is not available right now. Please try again in a moment.');
  });

  it('keeps the message of other refusals', () => {
    expect(cartErrorMessage(400, { error: { code: 'VALIDATION_FAILED', message: 'Invalid request' } })).toBe('Invalid request');
  });
  it('says how many are left when the cart would hold more than can be sold', () => {
    const refusal = (details: unknown) => ({ error: { code: 'OUT_OF_STOCK', message: 'x', details } });
    expect(cartErrorMessage(409, refusal({ sku: 'A', available: 7, inCart: 3, requested: 13 }))).toBe('Only 7 left. You already have 3 in your cart.');
    expect(cartErrorMessage(409, refusal({ sku: 'A', available: 7, inCart: 0, requested: 10 }))).toBe('Only 7 left.');
    expect(cartErrorMessage(409, refusal({ sku: 'A', available: 0, inCart: 0, requested: 1 }))).toBe('Sorry, this item is sold out.');
  });
});
