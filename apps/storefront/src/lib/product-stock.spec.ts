import { describe, expect, it } from 'vitest';
import { addableStock } from './product-stock';

describe('addableStock', () => {
  it('offers the units left when the cart has none of them', () => {
    expect(addableStock({ level: 'low', available: 3, inCart: 0 })).toEqual({ cap: 3, text: 'Only 3 left', allInCart: null });
    expect(addableStock({ level: 'low', available: 3, inCart: null })).toEqual({ cap: 3, text: 'Only 3 left', allInCart: null });
  });

  it('takes what is already in the cart off the units left, and says so', () => {
    // Before: "Only 3 left" and a list of 1–3 though 2 were in the cart (the cart then refused 2 or 3).
    expect(addableStock({ level: 'low', available: 3, inCart: 2 })).toEqual({ cap: 1, text: 'Only 3 left — 2 are in your cart', allInCart: null });
    expect(addableStock({ level: 'low', available: 3, inCart: 1 })).toEqual({ cap: 2, text: 'Only 3 left — 1 is in your cart', allInCart: null });
  });

  it('offers nothing more, and says why, when every unit left is in the cart', () => {
    expect(addableStock({ level: 'low', available: 3, inCart: 3 })).toEqual({ cap: 0, text: 'Only 3 left — 3 are in your cart', allInCart: 'All 3 left are already in your cart.' });
    // More in the cart than left (someone else bought some since): never "5 of 3".
    expect(addableStock({ level: 'low', available: 1, inCart: 5 })).toEqual({ cap: 0, text: 'Only 1 left — 1 is in your cart', allInCart: 'The last one is already in your cart.' });
  });

  it('caps nothing when the count is not public, but still says what is in the cart', () => {
    expect(addableStock({ level: 'in_stock', available: null, inCart: 0 })).toEqual({ cap: undefined, text: 'In stock', allInCart: null });
    expect(addableStock({ level: 'in_stock', available: null, inCart: 4 })).toEqual({ cap: undefined, text: 'In stock — 4 are in your cart', allInCart: null });
    expect(addableStock({ level: 'low', available: null, inCart: 1 })).toEqual({ cap: undefined, text: 'Only a few left — 1 is in your cart', allInCart: null });
  });

  it('is out of stock whatever the cart holds', () => {
    expect(addableStock({ level: 'sold_out', available: 0, inCart: 2 })).toEqual({ cap: 0, text: 'Out of stock', allInCart: null });
  });
});
