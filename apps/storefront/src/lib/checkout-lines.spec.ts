import type { CartLine, QuoteLine } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { checkoutSummaryLines } from './checkout-lines';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

function cartLine(sku: string, quantity: number, unit: number, status: CartLine['status'] = 'available'): CartLine {
  const priced = status === 'available';
  return {
    sku,
    productId: '00000000-0000-4000-8000-000000000001',
    productSlug: sku.toLowerCase(),
    productTitle: `Product ${sku}`,
    title: 'Olive / M',
    attributes: {},
    image: null,
    quantity,
    unitPrice: eur(unit),
    currentUnitPrice: priced ? eur(unit) : null,
    listPrice: priced ? eur(unit) : null,
    discounts: [],
    priceChanged: false,
    lineTotal: eur(unit * quantity),
    status,
  };
}

function quoteLine(sku: string, quantity: number, unit: number, off = 0): QuoteLine {
  return {
    sku,
    quantity,
    unitPrice: eur(unit),
    listPrice: eur(unit),
    priceSource: 'list',
    discounts: off ? [{ source: 'coupon', sourceId: 'SAVE10', label: 'Coupon SAVE10', reason: 'coupon SAVE10: 10% off', amount: off }] : [],
    total: eur(unit * quantity - off),
  } as QuoteLine;
}

describe('checkoutSummaryLines', () => {
  it('keeps an archived line with the quantity the shopper chose, marked and unpriced, and prices the rest before discounts from the quote', () => {
    const lines = [cartLine('LAMP-1', 3, 4200, 'unavailable'), cartLine('PACK-1', 2, 1000)];
    expect(checkoutSummaryLines(lines, [quoteLine('PACK-1', 2, 900, 180)])).toEqual([
      { sku: 'LAMP-1', quantity: 3, productTitle: 'Product LAMP-1', title: 'Olive / M', total: null, unavailable: true },
      { sku: 'PACK-1', quantity: 2, productTitle: 'Product PACK-1', title: 'Olive / M', total: eur(1800), unavailable: false },
    ]);
  });

  it('never takes an unavailable line’s figures from a quote that (wrongly) names its SKU', () => {
    const [line] = checkoutSummaryLines([cartLine('LAMP-1', 3, 4200, 'unavailable')], [quoteLine('LAMP-1', 1, 4200)]);
    expect(line).toMatchObject({ quantity: 3, total: null, unavailable: true });
  });

  it('without a quote, a line is its cart total; an unverified line (catalog down) stays part of the order', () => {
    const lines = checkoutSummaryLines([cartLine('PACK-1', 2, 1000), cartLine('CAP-1', 1, 500, 'unverified')]);
    expect(lines.map((l) => [l.sku, l.quantity, l.total, l.unavailable])).toEqual([
      ['PACK-1', 2, eur(2000), false],
      ['CAP-1', 1, eur(500), false],
    ]);
  });
});
