import { describe, expect, it } from 'vitest';
import { checkoutHref } from './buy-now';
import { checkoutHrefOf, checkoutModeFrom } from './checkout-mode';

const HOLD = 'r3_6f9619ff-8b86-4d01-b42d-00cf4fc964ff';
const CART = 'c_AbCdEfGhIjKlMnOpQrSt-_';
const SALE = '0c5f7a1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b';
const UNTIL = '2026-05-01T12:05:00.000Z';

const queryOf = (href: string) => Object.fromEntries(new URL(href, 'http://shop').searchParams);

describe('checkout links', () => {
  it("a Buy now link names the hold first, its end, the Buy now cart and the sale, and reads back as it was made", () => {
    const href = checkoutHref({ holdId: HOLD, until: UNTIL, cartId: CART, saleId: SALE });
    expect(href).toBe(`/checkout?hold=${HOLD}&until=${encodeURIComponent(UNTIL)}&buy=${CART}&sale=${SALE}`);
    const mode = checkoutModeFrom(queryOf(href));
    expect(mode).toEqual({ hold: { id: HOLD, until: Date.parse(UNTIL) }, buyNow: { cartId: CART, saleId: SALE } });
    expect(checkoutHrefOf(mode)).toBe(href);
  });

  it("checks out the shopper's cart when the link names no Buy now cart (a plain hold, or nothing)", () => {
    expect(checkoutModeFrom({})).toEqual({ hold: null, buyNow: null });
    expect(checkoutHrefOf({ hold: null, buyNow: null })).toBe('/checkout');
    const plain = checkoutModeFrom({ hold: HOLD });
    expect(plain).toEqual({ hold: { id: HOLD, until: null }, buyNow: null });
    expect(checkoutHrefOf(plain)).toBe(`/checkout?hold=${HOLD}`);
  });

  it('treats a value that is not well formed as absent', () => {
    expect(checkoutModeFrom({ hold: 'r1_nope', until: 'soon', buy: 'c_short', sale: SALE })).toEqual({ hold: null, buyNow: null });
    expect(checkoutModeFrom({ hold: [HOLD, HOLD], buy: CART, sale: 'not-a-sale' })).toEqual({ hold: null, buyNow: { cartId: CART, saleId: null } });
    expect(checkoutModeFrom({ hold: HOLD, until: 'soon', buy: CART })).toEqual({ hold: { id: HOLD, until: null }, buyNow: { cartId: CART, saleId: null } });
  });
});
