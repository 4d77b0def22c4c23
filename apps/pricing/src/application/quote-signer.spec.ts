import { describe, expect, it } from 'vitest';
import type { Quote } from '@shop/contracts';
import { canonicalJson, QuoteSigner } from './quote-signer.js';

const unsigned: Omit<Quote, 'signature'> = {
  lines: [
    {
      sku: 'TEE-M',
      quantity: 2,
      unitPrice: { amount: 2500, currency: 'EUR' },
      listPrice: { amount: 2500, currency: 'EUR' },
      priceSource: 'list',
      discounts: [],
      total: { amount: 5000, currency: 'EUR' },
    },
  ],
  cartDiscounts: [],
  couponCode: null,
  subtotal: { amount: 5000, currency: 'EUR' },
  discountTotal: { amount: 0, currency: 'EUR' },
  shipping: { amount: { amount: 0, currency: 'EUR' }, discounts: [], total: { amount: 0, currency: 'EUR' } },
  total: { amount: 5000, currency: 'EUR' },
  currency: 'EUR',
  customerGroup: null,
  quotedAt: '2030-01-01T12:00:00.000Z',
  expiresAt: '2030-01-01T12:15:00.000Z',
};

describe('QuoteSigner', () => {
  const signer = new QuoteSigner('a-test-secret-that-is-long-enough-1234567890');

  it('verifies its own signature, whatever order the keys travelled in', () => {
    const quote = { ...unsigned, signature: signer.sign(unsigned) };
    expect(signer.verify(quote)).toBe(true);
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(quote).reverse()))) as Quote;
    expect(Object.keys(reordered)[0]).toBe('signature');
    expect(signer.verify(reordered)).toBe(true);
  });

  it('refuses a quote with any amount changed, a line added, or another key', () => {
    const signature = signer.sign(unsigned);
    expect(signer.verify({ ...unsigned, total: { amount: 4999, currency: 'EUR' }, signature })).toBe(false);
    expect(signer.verify({ ...unsigned, lines: [{ ...unsigned.lines[0]!, quantity: 3 }], signature })).toBe(false);
    expect(signer.verify({ ...unsigned, lines: [...unsigned.lines, unsigned.lines[0]!], signature })).toBe(false);
    expect(signer.verify({ ...unsigned, expiresAt: '2030-01-01T13:00:00.000Z', signature })).toBe(false);
    expect(signer.verify({ ...unsigned, signature: signature.slice(0, -2) })).toBe(false);
    expect(new QuoteSigner('another-secret-that-is-long-enough-0987654321').verify({ ...unsigned, signature })).toBe(false);
  });

  it('writes canonical JSON: sorted keys, undefined left out', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }], e: undefined })).toBe('{"a":[{"c":null,"d":"x"}],"b":1}');
  });

  it('writes what JSON.stringify writes for escapes, odd keys, numbers and holes, only with sorted keys', () => {
    const value = { 'z"q': 'line\nbreak "quoted" \u2028', 'é': -0, a: [undefined, 1.5, Number.NaN, true, [], {}], k: { y: 2, x: 'x' } };
    const sorted = { a: [null, 1.5, null, true, [], {}], k: { x: 'x', y: 2 }, 'z"q': 'line\nbreak "quoted" \u2028', 'é': 0 };
    expect(canonicalJson(value)).toBe(JSON.stringify(sorted));
    // The same key twice (the quoted-key memo) and again after other keys.
    expect(canonicalJson([{ amount: 1 }, { amount: 2, 'z"q': 3 }])).toBe('[{"amount":1},{"amount":2,"z\\"q":3}]');
  });
});
