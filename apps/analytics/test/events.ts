import { randomUUID } from 'node:crypto';
import type { Order } from '@shop/contracts';

/** An order as orders' events carry it. */
export function anOrder(overrides: Partial<Order> = {}): Order {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    number: 'SO-000123',
    customerId: randomUUID(),
    email: 'ada@example.com',
    status: 'PENDING',
    currency: 'EUR',
    lines: [{ sku: 'TEE-M', name: 'Tee', unitPrice: 2500, quantity: 1, lineTotal: 2500 }],
    subtotal: 2500,
    discounts: [],
    discountTotal: 0,
    shipping: 0,
    total: 2500,
    shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
    cancelReason: null,
    checkoutId: randomUUID(),
    history: [],
    refunds: [],
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

export function aSale(sku: string, overrides: Partial<{ units: number; startsAt: string; endsAt: string }> = {}) {
  return {
    flashSaleId: randomUUID(),
    sku,
    salePrice: { amount: 1000, currency: 'EUR' },
    units: 10,
    perCustomerLimit: 2,
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: new Date(Date.now() + 3600_000).toISOString(),
    ...overrides,
  };
}

/** A reservation id as inventory mints them (`r<partition>_<uuid>`). */
export const aReservationId = (): string => `r0_${randomUUID()}`;
