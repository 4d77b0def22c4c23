import { describe, expect, it } from 'vitest';
import type { Order, OrderStatus } from '@shop/contracts';
import { streamKey } from '@shop/messaging';
import { api, asAdmin, asCustomer, createOrder, orderIn, redisClient, useTestOrders, transition } from './orders-harness.js';


const orders = useTestOrders();

const admin = (order: Order, action: 'cancel' | 'refund' | 'fulfil', json: Record<string, unknown> = {}) =>
  api(orders.url, `/api/admin/orders/${order.id}/${action}`, { method: 'POST', json, as: asAdmin() });

/** Every history entry starts where the previous one ended, and the last one is the order's status. */
function expectConsistentHistory(order: Order): void {
  expect(order.history[0]).toMatchObject({ from: null, to: 'PENDING' });
  for (let i = 1; i < order.history.length; i++) expect(order.history[i].from).toBe(order.history[i - 1].to);
  expect(order.history.at(-1)?.to).toBe(order.status);
  expect(order.version).toBe(order.history.length);
}

describe('the saga path and admin actions', () => {
  it('walks PENDING → AWAITING_PAYMENT → CONFIRMED → FULFILLED → REFUNDED, recording each step', async () => {
    const created = await createOrder(orders.url);
    const awaiting = await transition(orders.url, created.id, { to: 'AWAITING_PAYMENT', from: 'PENDING' });
    expect(awaiting.status).toBe(200);
    const confirmed = await transition(orders.url, created.id, { to: 'CONFIRMED', from: 'AWAITING_PAYMENT' });
    expect(confirmed.body).toMatchObject({ status: 'CONFIRMED', version: 3 });
    const fulfilled = await admin(created, 'fulfil');
    expect(fulfilled.body).toMatchObject({ status: 'FULFILLED', version: 4 });
    const refunded = await admin(created, 'refund', { reason: 'Arrived damaged', expectedVersion: 4 });
    expect(refunded.status).toBe(200);
    const order = refunded.body as Order;
    expect(order).toMatchObject({ status: 'REFUNDED', version: 5, cancelReason: null });
    expect(order.history.map((h) => [h.from, h.to, h.reason, h.actor.split(':')[0]])).toEqual([
      [null, 'PENDING', null, 'checkout'],
      ['PENDING', 'AWAITING_PAYMENT', null, 'checkout-saga'],
      ['AWAITING_PAYMENT', 'CONFIRMED', null, 'checkout-saga'],
      ['CONFIRMED', 'FULFILLED', null, 'admin'],
      ['FULFILLED', 'REFUNDED', 'Arrived damaged', 'admin'],
    ]);
    expectConsistentHistory(order);
  });

  it('shows a cancelled order with its reason to its customer', async () => {
    const order = await orderIn(orders.url, 'AWAITING_PAYMENT');
    const res = await transition(orders.url, order.id, { to: 'CANCELLED', reason: 'PAYMENT_DECLINED' });
    expect(res.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'PAYMENT_DECLINED' });
    const mine = await api(orders.url, `/api/orders/${order.id}`, { as: asCustomer(order.customerId!) });
    expect(mine.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'PAYMENT_DECLINED' });
  });

  it('lets an admin cancel a confirmed order that has not shipped, not a fulfilled one', async () => {
    const confirmed = await orderIn(orders.url, 'CONFIRMED');
    expect((await admin(confirmed, 'cancel', { reason: 'Out of stock after all' })).body).toMatchObject({ status: 'CANCELLED' });
    const shipped = await orderIn(orders.url, 'CONFIRMED');
    await admin(shipped, 'fulfil');
    const res = await admin(shipped, 'cancel', { reason: 'too late' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'FULFILLED', to: 'CANCELLED', allowed: ['REFUNDED'] } });
  });

  it.each<[string, OrderStatus[], OrderStatus]>([
    ['PENDING → CONFIRMED skips payment', [], 'CONFIRMED'],
    ['PENDING → FULFILLED', [], 'FULFILLED'],
    ['PENDING → REFUNDED (nothing was paid)', [], 'REFUNDED'],
    ['AWAITING_PAYMENT → FULFILLED', ['AWAITING_PAYMENT'], 'FULFILLED'],
    ['CONFIRMED → PENDING', ['AWAITING_PAYMENT', 'CONFIRMED'], 'PENDING'],
    ['CANCELLED → CONFIRMED', ['CANCELLED'], 'CONFIRMED'],
  ])('refuses %s with 409 ILLEGAL_TRANSITION and changes nothing', async (_name, path, to) => {
    const order = await createOrder(orders.url);
    for (const step of path) await transition(orders.url, order.id, { to: step, reason: step === 'CANCELLED' ? 'OUT_OF_STOCK' : undefined });
    const before = (await api(orders.url, `/internal/orders/${order.id}`)).body as Order;
    const res = await transition(orders.url, order.id, { to, reason: 'because' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ILLEGAL_TRANSITION');
    expect((await api(orders.url, `/internal/orders/${order.id}`)).body).toEqual(before);
  });

  it('answers a repeated transition with the order unchanged (no new history, no new event)', async () => {
    const order = await orderIn(orders.url, 'AWAITING_PAYMENT');
    const first = await transition(orders.url, order.id, { to: 'CONFIRMED', from: 'AWAITING_PAYMENT' });
    const again = await transition(orders.url, order.id, { to: 'CONFIRMED', from: 'AWAITING_PAYMENT' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await orders.prisma.outboxEvent.count({ where: { aggregateId: order.id } })).toBe(3); // created + 2 changes
    const cancel = await admin(order, 'cancel', { reason: 'x' });
    expect((await admin(order, 'cancel', { reason: 'y' })).body).toEqual(cancel.body);
    expect(cancel.body.cancelReason).toBe('x');
  });

  it('refuses a stale expectation with 409 CONFLICT', async () => {
    const order = await orderIn(orders.url, 'CONFIRMED');
    const stale = await admin(order, 'fulfil', { expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'CONFLICT', details: { expected: 1, actual: 3 } });
    const wrongFrom = await transition(orders.url, order.id, { to: 'CANCELLED', from: 'AWAITING_PAYMENT', reason: 'PAYMENT_DECLINED' });
    expect(wrongFrom.status).toBe(409);
    expect(wrongFrom.body.error).toMatchObject({ code: 'CONFLICT', details: { expected: 'AWAITING_PAYMENT', actual: 'CONFIRMED' } });
  });

  it('names bad transition bodies with 400', async () => {
    const order = await createOrder(orders.url);
    const res = await transition(orders.url, order.id, { to: 'CANCELLED', actor: '' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'actor', reason: 'must not be empty' },
        { field: 'reason', reason: 'is required to move an order to CANCELLED' },
      ]),
    );
    expect((await transition(orders.url, order.id, { to: 'SHIPPED' })).body.error.details[0].field).toBe('to');
    expect((await admin(order, 'cancel', {})).body.error.details).toEqual([{ field: 'reason', reason: 'is required' }]);
    expect((await api(orders.url, '/internal/orders/not-a-uuid/transitions', { method: 'POST', json: { to: 'CONFIRMED', actor: 'x' } })).status).toBe(400);
  });

  it('fulfils with no body at all', async () => {
    const order = await orderIn(orders.url, 'CONFIRMED');
    const res = await api(orders.url, `/api/admin/orders/${order.id}/fulfil`, { method: 'POST', as: asAdmin() });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('FULFILLED');
  });
});

describe('concurrent conflicting transitions', () => {
  it('confirm (from AWAITING_PAYMENT) racing an admin cancel (at the read version): exactly one wins, 20 times', async () => {
    const winners = { confirm: 0, cancel: 0 };
    for (let round = 0; round < 20; round++) {
      const order = await orderIn(orders.url, 'AWAITING_PAYMENT');
      const [confirm, cancel] = await Promise.all([
        transition(orders.url, order.id, { to: 'CONFIRMED', from: 'AWAITING_PAYMENT' }),
        admin(order, 'cancel', { reason: 'Fraud check failed', expectedVersion: order.version }),
      ]);
      const statuses = [confirm.status, cancel.status].sort();
      expect(statuses, JSON.stringify([confirm.body, cancel.body])).toEqual([200, 409]);
      const loser = confirm.status === 409 ? confirm : cancel;
      expect(['ILLEGAL_TRANSITION', 'CONFLICT']).toContain(loser.body.error.code);
      const final = (await api(orders.url, `/internal/orders/${order.id}`)).body as Order;
      expect(final.status).toBe(confirm.status === 200 ? 'CONFIRMED' : 'CANCELLED');
      expect(final.history).toHaveLength(3);
      expectConsistentHistory(final);
      expect(await orders.prisma.outboxEvent.count({ where: { aggregateId: order.id } })).toBe(3);
      winners[confirm.status === 200 ? 'confirm' : 'cancel']++;
    }
    expect(winners.confirm + winners.cancel).toBe(20);
  });

  it('without expectations the changes serialize: every applied change is in the history, in order', async () => {
    for (let round = 0; round < 10; round++) {
      const order = await orderIn(orders.url, 'AWAITING_PAYMENT');
      const [confirm, cancel] = await Promise.all([
        transition(orders.url, order.id, { to: 'CONFIRMED' }),
        transition(orders.url, order.id, { to: 'CANCELLED', reason: 'CHECKOUT_EXPIRED' }),
      ]);
      const final = (await api(orders.url, `/internal/orders/${order.id}`)).body as Order;
      expectConsistentHistory(final);
      const applied = final.history.slice(2).map((h) => h.to);
      // Either cancel came first (confirm refused) or confirm came first and the cancel followed it.
      if (confirm.status === 409) expect(applied).toEqual(['CANCELLED']);
      else expect(applied).toEqual(['CONFIRMED', 'CANCELLED']);
      expect(cancel.status).toBe(200);
      expect(await orders.prisma.outboxEvent.count({ where: { aggregateId: order.id } })).toBe(final.version);
    }
  });

  it('ten identical cancels at once change the order once', async () => {
    const order = await orderIn(orders.url, 'CONFIRMED');
    const results = await Promise.all(Array.from({ length: 10 }, () => admin(order, 'cancel', { reason: 'Duplicate order' })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const final = (await api(orders.url, `/internal/orders/${order.id}`)).body as Order;
    expect(final.history.filter((h) => h.to === 'CANCELLED')).toHaveLength(1);
    expect(await orders.prisma.outboxEvent.count({ where: { aggregateId: order.id, eventType: 'orders.order.status-changed.v1' } })).toBe(3);
  });
});

describe('events', () => {
  it('publishes created and status-changed events through the outbox onto events.orders, in version order', async () => {
    const order = await orderIn(orders.url, 'CONFIRMED');
    await admin(order, 'refund', { reason: 'Customer changed their mind' });
    const redis = redisClient();
    try {
      const stream = streamKey(orders.prefix, 'events.orders');
      let events: { eventType: string; version: number; payload: Record<string, unknown>; metadata: { source: string } }[] = [];
      for (let i = 0; i < 100 && events.length < 5; i++) {
        const entries = await redis.xrange(stream, '-', '+');
        events = entries.map(([, fields]) => JSON.parse(fields[fields.indexOf('envelope') + 1])).filter((e) => e.aggregateId === order.id);
        if (events.length < 5) await new Promise((r) => setTimeout(r, 100));
      }
      expect(events.map((e) => `${e.eventType}@${e.version}`)).toEqual([
        'orders.order.created.v1@1',
        'orders.order.status-changed.v1@2',
        'orders.order.status-changed.v1@3',
        // A refund: the refund itself, then the move to REFUNDED, in one transaction.
        'orders.order.refunded.v1@4',
        'orders.order.status-changed.v1@4',
      ]);
      expect(events.every((e) => e.metadata.source === 'orders')).toBe(true);
      expect(events[3].payload).toMatchObject({ final: true, refund: { amount: order.total, lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) } });
      expect(events[4].payload).toMatchObject({
        from: 'CONFIRMED',
        to: 'REFUNDED',
        reason: 'Customer changed their mind',
        actor: expect.stringMatching(/^admin:/),
        order: { id: order.id, status: 'REFUNDED', total: order.total, currency: 'EUR', version: 4 },
      });
      expect(events[0].payload).toMatchObject({ order: { id: order.id, status: 'PENDING', lines: order.lines } });
    } finally {
      redis.disconnect();
    }
  });

  it('counts changes in /metrics', async () => {
    const text = await (await fetch(`${orders.url}/metrics`)).text();
    expect(text).toMatch(/orders_status_changes_total\{[^}]*from="AWAITING_PAYMENT"[^}]*to="CONFIRMED"[^}]*\} [1-9]/);
    expect(text).toMatch(/orders_transitions_refused_total\{[^}]*code="ILLEGAL_TRANSITION"[^}]*\} [1-9]/);
    expect(text).toMatch(/orders_created_total\{[^}]*\} [1-9]/);
  });
});
