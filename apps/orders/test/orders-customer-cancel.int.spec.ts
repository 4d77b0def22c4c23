import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_CANCEL_REASON, OrderStatusChangedV1, type Order } from '@shop/contracts';
import { api, asAdmin, asCustomer, createOrder, orderIn, useTestOrders } from './orders-harness.js';

/**
 * A signed-in customer cancels their own order (`POST /api/orders/:ref/cancel`) on the real
 * service and Postgres: while it has not shipped and nothing was refunded; the change is written
 * with its history row and its status-changed event (which payments and inventory act on).
 */
const orders = useTestOrders();

const cancel = (ref: string, customerId: string | null, json?: Record<string, unknown>) =>
  api(orders.url, `/api/orders/${ref}/cancel`, { method: 'POST', ...(json ? { json } : {}), ...(customerId ? { as: asCustomer(customerId) } : {}) });
const stored = async (id: string) => (await api(orders.url, `/internal/orders/${id}`)).body as Order;
const statusEvents = (orderId: string) =>
  orders.prisma.outboxEvent.findMany({ where: { aggregateId: orderId, eventType: OrderStatusChangedV1.type }, orderBy: { id: 'asc' } });

describe("a customer's own cancel", () => {
  it('cancels a confirmed order that has not shipped, records the customer as the actor and writes the status-changed event', async () => {
    const order = await orderIn(orders.url, 'CONFIRMED');
    const res = await cancel(order.id, order.customerId, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id: order.id, status: 'CANCELLED', cancelReason: CUSTOMER_CANCEL_REASON, version: order.version + 1 });
    // The customer sees "customer", never their id; the stored history keeps who it was.
    expect(res.body.history.at(-1)).toMatchObject({ from: 'CONFIRMED', to: 'CANCELLED', reason: CUSTOMER_CANCEL_REASON, actor: 'customer' });
    expect((await stored(order.id)).history.at(-1)?.actor).toBe(`customer:${order.customerId}`);
    const admin = await api(orders.url, `/api/admin/orders/${order.id}`, { as: asAdmin() });
    expect(admin.body).toMatchObject({ status: 'CANCELLED', version: order.version + 1 });

    const events = await statusEvents(order.id);
    const last = events.at(-1)!.envelope as { version: number; aggregateId: string; payload: unknown };
    expect(last).toMatchObject({ version: order.version + 1, aggregateId: order.id });
    // The from CONFIRMED → CANCELLED that payments voids/refunds on, and inventory restocks on.
    expect(OrderStatusChangedV1.payload.parse(last.payload)).toMatchObject({ from: 'CONFIRMED', to: 'CANCELLED', reason: CUSTOMER_CANCEL_REASON, actor: `customer:${order.customerId}`, order: { id: order.id, status: 'CANCELLED', lines: order.lines } });
  });

  it('cancels by number with the reason the customer gave, and answers a repeat unchanged (no second event)', async () => {
    const order = await orderIn(orders.url, 'AWAITING_PAYMENT');
    const first = await cancel(order.number, order.customerId, { reason: '  Ordered the wrong size ', expectedVersion: order.version });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'Ordered the wrong size' });
    const again = await cancel(order.number, order.customerId);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await statusEvents(order.id)).map((e) => `${(e.envelope as { payload: { to: string } }).payload.to}`)).toEqual(['AWAITING_PAYMENT', 'CANCELLED']);
  });

  it('refuses a shipped order, a partly refunded one and one whose payment is being completed with 409 NOT_CANCELLABLE, changing nothing', async () => {
    const shipped = await orderIn(orders.url, 'CONFIRMED');
    expect((await api(orders.url, `/api/admin/orders/${shipped.id}/fulfil`, { method: 'POST', as: asAdmin() })).status).toBe(200);
    const partly = await orderIn(orders.url, 'CONFIRMED');
    const refund = await api(orders.url, `/api/admin/orders/${partly.id}/refunds`, { method: 'POST', json: { lines: [{ sku: partly.lines[0].sku, quantity: 1 }], reason: 'Arrived damaged' }, as: asAdmin() });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    const claimed = await orderIn(orders.url, 'AWAITING_PAYMENT');
    expect((await api(orders.url, `/internal/orders/${claimed.id}/payment-claim`, { method: 'POST', json: { checkoutId: claimed.checkoutId } })).status).toBe(200);

    for (const [order, why] of [[shipped, 'SHIPPED'], [partly, 'PARTLY_REFUNDED'], [claimed, 'PAYMENT_IN_PROGRESS']] as const) {
      const before = await stored(order.id);
      const res = await cancel(order.id, order.customerId);
      expect(res.status, why).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'NOT_CANCELLABLE', details: { status: before.status, why }, message: expect.any(String) });
      expect(await stored(order.id)).toEqual(before);
    }
  });

  it('refuses a stale expectedVersion with 409 CONFLICT', async () => {
    const order = await orderIn(orders.url, 'CONFIRMED');
    const res = await cancel(order.id, order.customerId, { expectedVersion: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CONFLICT', details: { expected: 1, actual: order.version } });
  });
});

describe("authorization of a customer's own cancel", () => {
  it('needs the gateway identity: 401 without one, and nothing changes', async () => {
    const order = await orderIn(orders.url, 'CONFIRMED');
    const res = await cancel(order.id, null);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
    expect((await api(orders.url, `/api/orders/${order.id}/cancel`, { method: 'POST', headers: { 'x-user-id': order.customerId!, 'x-user-role': 'customer' } })).status).toBe(401);
    expect((await stored(order.id)).status).toBe('CONFIRMED');
  });

  it("answers another customer's order, a guest's order and an admin on this route 404, as a read does, and changes nothing", async () => {
    const order = await orderIn(orders.url, 'CONFIRMED');
    const guests = await createOrder(orders.url, { customerId: null, email: 'guest@example.com' });
    const stranger = randomUUID();
    for (const ref of [order.id, order.number]) {
      const res = await cancel(ref, stranger);
      expect(res.status, ref).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect((await cancel(guests.id, stranger)).status).toBe(404);
    // An admin cancels through the admin route (with a reason); the customer route is for the order's own customer.
    expect((await api(orders.url, `/api/orders/${order.id}/cancel`, { method: 'POST', as: asAdmin() })).status).toBe(404);
    expect((await stored(order.id)).status).toBe('CONFIRMED');
    expect((await stored(guests.id)).status).toBe(guests.status);
    expect(await statusEvents(order.id)).toHaveLength(2);
  });

  it('names bad bodies and refs with 400', async () => {
    const order = await orderIn(orders.url, 'CONFIRMED');
    const me = order.customerId!;
    expect((await cancel(order.id, me, { reason: '' })).body.error.details).toEqual([{ field: 'reason', reason: expect.any(String) }]);
    expect((await cancel(order.id, me, { actor: 'admin:x' })).status).toBe(400);
    expect((await cancel(order.id, me, { expectedVersion: 'two' })).body.error.details).toEqual([{ field: 'expectedVersion', reason: expect.any(String) }]);
    expect((await api(orders.url, '/api/orders/not-an-order/cancel', { method: 'POST', as: asCustomer(me) })).status).toBe(400);
    expect((await stored(order.id)).status).toBe('CONFIRMED');
  });
});
