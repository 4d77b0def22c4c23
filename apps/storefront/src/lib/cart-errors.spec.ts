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
});
