import type { Order } from '@shop/contracts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { OrderLinesTable } from './order-lines-table';

/** The page's text as a reader gets it: tags out, whitespace collapsed. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

const coupon = { source: 'coupon' as const, sourceId: 'WELCOME10', label: 'Coupon WELCOME10', reason: "coupon WELCOME10: 10% off (this line's share)" };

/** The QA order: three items, a 10% coupon spread over the lines, free shipping. */
const order = {
  id: '6f1c2a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f',
  number: 'SO-000123',
  customerId: null,
  email: 'ada@example.com',
  status: 'CONFIRMED',
  currency: 'EUR',
  lines: [
    { sku: 'TEE-1', name: 'Organic tee', unitPrice: 3699, quantity: 2, lineTotal: 7398 },
    { sku: 'MUG-1', name: 'Mug', unitPrice: 3699, quantity: 1, lineTotal: 3699 },
  ],
  subtotal: 11097,
  discounts: [
    { ...coupon, amount: 740, sku: 'TEE-1' },
    { ...coupon, amount: 370, sku: 'MUG-1' },
  ],
  discountTotal: 1110,
  shipping: 0,
  total: 9987,
  shippingAddress: { name: 'Ada Lovelace', line1: '1 Grand Canal Quay', city: 'Dublin', postalCode: 'D02 X285', country: 'IE' },
  cancelReason: null,
  checkoutId: '7f1c2a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f',
  history: [],
  refunds: [],
  version: 2,
  createdAt: '2026-12-05T12:00:00.000Z',
  updatedAt: '2026-12-05T12:00:05.000Z',
} satisfies Order;

describe('OrderLinesTable', () => {
  it('shows each discount once, as a negative amount, so the figures add up', () => {
    const shown = text(renderToStaticMarkup(<OrderLinesTable order={order} />));
    expect(shown).toContain('Subtotal €110.97 Coupon WELCOME10 −€11.10 Shipping Free Total €99.87');
  });

  it('after refunds, says what was paid in the end, as the refund mail does', () => {
    const refund = { id: '8f1c2a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f', amount: 3329, lines: [{ sku: 'MUG-1', quantity: 1 }], reason: 'damaged', actor: 'admin', at: '2026-12-06T09:30:00.000Z' };
    const shown = text(renderToStaticMarkup(<OrderLinesTable order={{ ...order, refunds: [refund] }} />));
    expect(shown).toMatch(/Total €99\.87 Refunded .* · 1 × Mug −€33\.29 Paid after refunds €66\.58$/);
    expect(text(renderToStaticMarkup(<OrderLinesTable order={order} />))).not.toContain('Paid after refunds');
  });

  it('has no discount row without discounts', () => {
    const shown = text(renderToStaticMarkup(<OrderLinesTable order={{ ...order, discounts: [], discountTotal: 0, total: 11097 }} />));
    expect(shown).toContain('Subtotal €110.97 Shipping Free Total €110.97');
  });
});
