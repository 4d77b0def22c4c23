import { describe, expect, it } from 'vitest';
import type { Order } from '@shop/contracts';
import { api, asAdmin, asCustomer, orderIn, useTestOrders } from './orders-harness.js';


const orders = useTestOrders();

const refundLines = (order: Order, json: Record<string, unknown>, headers: Record<string, string> = {}) =>
  api(orders.url, `/api/admin/orders/${order.id}/refunds`, { method: 'POST', json, as: asAdmin(), headers });

const eventsOf = (orderId: string, eventType: string) =>
  orders.prisma.outboxEvent.findMany({ where: { aggregateId: orderId, eventType }, orderBy: { id: 'asc' } });

describe('partial refunds', () => {
  it('refunds some units, records the refund and emits it; the refund of the rest makes the order REFUNDED', async () => {
    const order = await orderIn(orders.url, 'CONFIRMED');
    const [tee, cap] = order.lines;
    const first = await refundLines(order, { lines: [{ sku: tee.sku, quantity: 1 }], reason: 'One arrived torn', expectedVersion: order.version });
    expect(first.status).toBe(200);
    const partly = first.body as Order;
    expect(partly).toMatchObject({ status: 'CONFIRMED', version: order.version + 1 });
    expect(partly.refunds).toEqual([
      { id: expect.any(String), amount: 2500, lines: [{ sku: tee.sku, quantity: 1 }], reason: 'One arrived torn', actor: expect.stringMatching(/^admin:/), at: expect.any(String) },
    ]);

    // Listings say how much of a partly refunded order went back (its status stays CONFIRMED).
    const listed = await api(orders.url, `/api/admin/orders?number=${order.number}`, { as: asAdmin() });
    expect(listed.body.items).toMatchObject([{ id: order.id, status: 'CONFIRMED', total: order.total, refundedTotal: 2500 }]);

    const rest = await refundLines(partly, { lines: [{ sku: tee.sku, quantity: 1 }, { sku: cap.sku, quantity: 1 }], reason: 'Returned the rest' });
    const refunded = rest.body as Order;
    expect(refunded.status).toBe('REFUNDED');
    // The last refund gives back what is left of the total, shipping included.
    expect(refunded.refunds.map((r) => r.amount)).toEqual([2500, order.total - 2500]);
    expect(refunded.history.at(-1)).toMatchObject({ from: 'CONFIRMED', to: 'REFUNDED', reason: 'Returned the rest' });

    const events = await eventsOf(order.id, 'orders.order.refunded.v1');
    expect(events.map((e) => (e.envelope as { payload: { final: boolean; refund: { amount: number } } }).payload)).toMatchObject([
      { final: false, refund: { amount: 2500, lines: [{ sku: tee.sku, quantity: 1 }] } },
      { final: true, refund: { amount: order.total - 2500 } },
    ]);
    expect(await eventsOf(order.id, 'orders.order.status-changed.v1')).toHaveLength(3); // → AWAITING_PAYMENT, CONFIRMED, REFUNDED
  });

  it('refuses more units than are left, naming the line, and changes nothing', async () => {
    const order = await orderIn(orders.url, 'CONFIRMED');
    const [tee, cap] = order.lines;
    await refundLines(order, { lines: [{ sku: tee.sku, quantity: 1 }], reason: 'torn' });
    const res = await refundLines(order, { lines: [{ sku: cap.sku, quantity: 1 }, { sku: tee.sku, quantity: 2 }], reason: 'again' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'lines.1.quantity' } });
    expect(res.body.error.message).toMatch(/1 of 2 units left/);
    const unknown = await refundLines(order, { lines: [{ sku: 'NOT-ON-ORDER', quantity: 1 }], reason: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual({ field: 'lines.0.sku' });
    const after = (await api(orders.url, `/internal/orders/${order.id}`)).body as Order;
    expect(after.refunds).toHaveLength(1);
    expect(await eventsOf(order.id, 'orders.order.refunded.v1')).toHaveLength(1);
  });

  it('validates the body with field names', async () => {
    const order = await orderIn(orders.url, 'CONFIRMED');
    const res = await refundLines(order, { lines: [{ sku: order.lines[0].sku, quantity: 0 }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'lines.0.quantity', reason: expect.any(String) },
        { field: 'reason', reason: 'is required' },
      ]),
    );
    expect((await refundLines(order, { lines: [], reason: 'x' })).body.error.details[0].field).toBe('lines');
  });

  it('refuses an order that was not paid, and a stale version', async () => {
    const pending = await orderIn(orders.url, 'AWAITING_PAYMENT');
    const res = await refundLines(pending, { lines: [{ sku: pending.lines[0].sku, quantity: 1 }], reason: 'x' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ILLEGAL_TRANSITION');
    const order = await orderIn(orders.url, 'CONFIRMED');
    const stale = await refundLines(order, { lines: [{ sku: order.lines[0].sku, quantity: 1 }], reason: 'x', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'CONFLICT', details: { expected: 1, actual: order.version } });
  });

  it('makes one refund per Idempotency-Key, even when the key is sent ten times at once', async () => {
    const order = await orderIn(orders.url, 'CONFIRMED');
    const body = { lines: [{ sku: order.lines[0].sku, quantity: 1 }], reason: 'torn' };
    const results = await Promise.all(Array.from({ length: 10 }, () => refundLines(order, body, { 'Idempotency-Key': `refund-${order.id}` })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const after = (await api(orders.url, `/internal/orders/${order.id}`)).body as Order;
    expect(after.refunds).toHaveLength(1);
    expect(await eventsOf(order.id, 'orders.order.refunded.v1')).toHaveLength(1);
    // Another key is another refund.
    expect((await refundLines(order, body, { 'Idempotency-Key': `refund-${order.id}-2` })).body.refunds).toHaveLength(2);
    expect((await refundLines(order, body, { 'Idempotency-Key': 'bad key with spaces' })).status).toBe(400);
  });

  it('a full refund after a partial one refunds only what is left; repeating it changes nothing', async () => {
    const order = await orderIn(orders.url, 'CONFIRMED');
    await refundLines(order, { lines: [{ sku: order.lines[1].sku, quantity: 1 }], reason: 'cap lost' });
    const full = await api(orders.url, `/api/admin/orders/${order.id}/refund`, { method: 'POST', json: { reason: 'Give it all back' }, as: asAdmin() });
    const refunded = full.body as Order;
    expect(refunded.status).toBe('REFUNDED');
    expect(refunded.refunds.map((r) => r.lines)).toEqual([[{ sku: order.lines[1].sku, quantity: 1 }], [{ sku: order.lines[0].sku, quantity: 2 }]]);
    expect(refunded.refunds.reduce((n, r) => n + r.amount, 0)).toBe(order.total);
    const again = await api(orders.url, `/api/admin/orders/${order.id}/refund`, { method: 'POST', json: { reason: 'Give it all back' }, as: asAdmin() });
    expect(again.body).toEqual(refunded);
    expect(await eventsOf(order.id, 'orders.order.refunded.v1')).toHaveLength(2);
  });

  it('shows refunds to the customer without saying which admin', async () => {
    const order = await orderIn(orders.url, 'CONFIRMED');
    await refundLines(order, { lines: [{ sku: order.lines[0].sku, quantity: 1 }], reason: 'torn' });
    const mine = await api(orders.url, `/api/orders/${order.id}`, { as: asCustomer(order.customerId!) });
    expect(mine.body.refunds).toMatchObject([{ actor: 'admin', amount: 2500 }]);
  });

  it('is for admins only', async () => {
    const order = await orderIn(orders.url, 'CONFIRMED');
    const res = await api(orders.url, `/api/admin/orders/${order.id}/refunds`, {
      method: 'POST',
      json: { lines: [{ sku: order.lines[0].sku, quantity: 1 }], reason: 'x' },
      as: asCustomer(order.customerId!),
    });
    expect(res.status).toBe(403);
    expect(((await api(orders.url, `/internal/orders/${order.id}`)).body as Order).refunds).toEqual([]);
  });
});
