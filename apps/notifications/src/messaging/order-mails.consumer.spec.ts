import { describe, expect, it } from 'vitest';
import { orderMailData } from './order-mails.consumer.js';

const order = {
  id: '6f1c2b3a-0000-4000-8000-000000000001',
  number: 'SO-000042',
  currency: 'EUR',
  lines: [{ sku: 'TEE-M', name: 'Launch Tee', unitPrice: 2500, quantity: 1, lineTotal: 2500 }],
  subtotal: 2500,
  discountTotal: 0,
  shipping: 495,
  total: 2995,
  email: 'ada@example.com',
  customerId: '6f1c2b3a-0000-4000-8000-0000000000c1',
  shippingAddress: { name: 'Ada Lovelace', line1: '1 Main St', line2: 'Flat 2', city: 'Dublin', region: 'Leinster', postalCode: 'D02 X285', country: 'IE' },
};

describe('orderMailData', () => {
  it("leads a customer to their account's order page, and a guest to the lookup by number", () => {
    expect(orderMailData(order, 'https://shop.example').orderUrl).toBe(`https://shop.example/account/orders/${order.id}`);
    expect(orderMailData({ ...order, customerId: null }, 'https://shop.example').orderUrl).toBe('https://shop.example/orders/lookup?number=SO-000042');
    expect(orderMailData(order).orderUrl).toBeUndefined();
  });

  it('writes the address one part per line, leaving out the parts it does not have', () => {
    expect(orderMailData(order).shipTo).toEqual(['Ada Lovelace', '1 Main St', 'Flat 2', 'D02 X285 Dublin', 'Leinster', 'IE']);
    const { line2: _line2, region: _region, ...plain } = order.shippingAddress;
    expect(orderMailData({ ...order, shippingAddress: plain }).shipTo).toEqual(['Ada Lovelace', '1 Main St', 'D02 X285 Dublin', 'IE']);
    expect(orderMailData({ ...order, shippingAddress: undefined }).shipTo).toBeUndefined();
  });
});
