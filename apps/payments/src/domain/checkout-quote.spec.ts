import { describe, expect, it } from 'vitest';
import type { VariantView } from '@shop/contracts';
import { cartIsPriced, quoteCart, type CartLineContents } from './checkout-quote.js';

const variant = (sku: string, amount: number, extra: Partial<VariantView> = {}): VariantView => ({
  sku,
  productId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  productSlug: 'tee',
  productTitle: 'Merino Tee',
  title: sku.endsWith('M') ? 'M' : 'Merino Tee',
  attributes: {},
  price: { amount, currency: 'EUR' },
  status: 'active',
  ...extra,
});

const line = (sku: string, quantity: number, price: number | null, status = 'available'): CartLineContents => ({
  sku,
  quantity,
  status,
  productTitle: 'Merino Tee',
  title: sku.endsWith('M') ? 'M' : 'Merino Tee',
  currentUnitPrice: price === null ? null : { amount: price, currency: 'EUR' },
});

describe('quoting a cart', () => {
  const variants = new Map([
    ['TEE-M', variant('TEE-M', 2500)],
    ['TEE', variant('TEE', 2000)],
    ['OLD', variant('OLD', 100, { status: 'archived' })],
    ['USD', variant('USD', 100, { price: { amount: 100, currency: 'USD' } })],
  ]);
  const expected = {
    quote: {
      currency: 'EUR',
      lines: [
        { sku: 'TEE-M', name: 'Merino Tee (M)', unitPrice: 2500, quantity: 2 },
        { sku: 'TEE', name: 'Merino Tee', unitPrice: 2000, quantity: 1 },
      ],
      subtotal: 7000,
    },
  };

  it('locks the prices the cart read from the catalog when it could ask it', () => {
    const cart = { currency: 'EUR', verified: true, lines: [line('TEE-M', 2, 2500), line('TEE', 1, 2000)] };
    expect(cartIsPriced(cart)).toBe(true);
    expect(quoteCart(cart)).toEqual(expected);
  });

  it('asks the catalog when the cart could not (unverified lines), and then uses its prices', () => {
    const cart = { currency: 'EUR', verified: false, lines: [line('TEE-M', 2, null, 'unverified'), line('TEE', 1, null, 'unverified')] };
    expect(cartIsPriced(cart)).toBe(false);
    expect(quoteCart(cart, variants)).toEqual(expected);
  });

  it('refuses an empty cart, unknown or inactive SKUs and another currency', () => {
    expect(quoteCart({ currency: 'EUR', verified: true, lines: [] })).toEqual({ failure: { code: 'CART_EMPTY', reason: 'the cart is empty' } });
    const gone = { currency: 'EUR', verified: false, lines: [line('OLD', 1, null, 'unverified'), line('GONE', 1, null, 'unverified')] };
    expect(quoteCart(gone, variants)).toEqual({ failure: { code: 'SKU_UNAVAILABLE', reason: 'no longer available: OLD, GONE' } });
    const archived = { currency: 'EUR', verified: true, lines: [line('TEE', 1, 2000), line('OLD', 1, null, 'unavailable')] };
    expect(cartIsPriced(archived)).toBe(true);
    expect(quoteCart(archived)).toEqual({ failure: { code: 'SKU_UNAVAILABLE', reason: 'no longer available: OLD' } });
    const usd = { currency: 'EUR', verified: false, lines: [line('USD', 1, null, 'unverified')] };
    expect(quoteCart(usd, variants)).toMatchObject({ failure: { code: 'CURRENCY_MISMATCH' } });
  });
});
