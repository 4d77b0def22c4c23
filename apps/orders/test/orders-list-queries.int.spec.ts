import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '@shop/persistence';
import { statementsPerPage, testEnv } from '@shop/testing';
import { OrderRepository } from '../src/adapters/order.repository.js';

/**
 * The admin order list (`GET /api/admin/orders`) answers a page with a constant number of SQL
 * statements (the orders and their lines' quantities, never one query per order). Counted on the
 * wire: every statement the pool's connections send.
 */
describe('admin order list', () => {
  const statements: string[] = [];
  const prisma = createPrismaClient({ databaseUrl: testEnv().databaseUrl, applicationName: 'orders-tests', poolMax: 3, onStatement: (sql) => statements.push(sql) });
  const orders = new OrderRepository(prisma);
  afterAll(() => prisma.$disconnect());

  it('answers 50 orders in as many queries as 5', async () => {
    const customerId = randomUUID();
    for (let i = 0; i < 50; i++) {
      await orders.create(
        {
          id: randomUUID(),
          checkoutId: randomUUID(),
          customerId,
          email: null,
          currency: 'EUR',
          lines: [
            { sku: 'LIST-A', name: 'A', unitPrice: 500, quantity: 2, lineTotal: 1000 },
            { sku: 'LIST-B', name: 'B', unitPrice: 300, quantity: 1, lineTotal: 300 },
          ],
          subtotal: 1300,
          discounts: [],
          discountTotal: 0,
          shipping: 0,
          total: 1300,
          shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: '1', country: 'DE' },
          actor: 'test',
          at: new Date(),
        },
        [{ from: null, to: 'PENDING' }],
        [],
      );
    }
    const { small, large } = await statementsPerPage(statements, (limit) => orders.list({ customerId, limit }));
    expect([small.page.items.length, large.page.items.length]).toEqual([5, 50]);
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(2);
  });
});
