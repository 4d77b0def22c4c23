import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock, type Order, type OrderSummary } from '@shop/contracts';
import type { TestIdentity } from '@shop/testing';
import { api, asAdmin, asCustomer, createOrder, useTestOrders, transition } from './orders-harness.js';

// Creation times are the clock's, so date filters and the newest-first order are exact.
const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));

const orders = useTestOrders({ clock });

async function pages(path: string, as: TestIdentity, limit: number): Promise<OrderSummary[][]> {
  const out: OrderSummary[][] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await api(orders.url, `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { as });
    expect(res.status).toBe(200);
    out.push(res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
}

describe('customers read their own orders only', () => {
  it('lists own orders newest first across pages, each exactly once', async () => {
    const alice = randomUUID();
    const created: Order[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      created.push(await createOrder(orders.url, { customerId: alice }));
    }
    await createOrder(orders.url); // someone else's

    const seen = await pages('/api/orders', asCustomer(alice), 2);
    expect(seen.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(seen.flat().map((o) => o.id)).toEqual(created.map((o) => o.id).reverse());
    expect(seen.flat()[0]).toEqual({
      id: created[4].id,
      number: created[4].number,
      customerId: alice,
      email: created[4].email,
      status: 'PENDING',
      currency: 'EUR',
      total: created[4].total,
      itemCount: 3,
      refundedTotal: 0,
      cancelReason: null,
      createdAt: created[4].createdAt,
      updatedAt: created[4].updatedAt,
    });
  });

  it("answers 404 for another customer's order, by id and by number", async () => {
    const order = await createOrder(orders.url);
    const mallory = asCustomer(randomUUID());
    for (const ref of [order.id, order.number]) {
      const res = await api(orders.url, `/api/orders/${ref}`, { as: mallory });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      expect((await api(orders.url, `/api/orders/${ref}`, { as: asCustomer(order.customerId!) })).status).toBe(200);
    }
  });

  it('hides which admin acted, shows the cancel reason', async () => {
    const order = await createOrder(orders.url);
    await api(orders.url, `/api/admin/orders/${order.id}/cancel`, { method: 'POST', json: { reason: 'Customer asked by phone' }, as: asAdmin() });
    const res = await api(orders.url, `/api/orders/${order.id}`, { as: asCustomer(order.customerId!) });
    expect(res.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'Customer asked by phone' });
    expect(res.body.history.map((h: { actor: string }) => h.actor)).toEqual(['checkout', 'admin']);
    const admin = await api(orders.url, `/api/admin/orders/${order.id}`, { as: asAdmin() });
    expect(admin.body.history[1].actor).toMatch(/^admin:[0-9a-f-]{36}$/);
  });

  it('needs the gateway identity (401) and the admin role for admin routes (403)', async () => {
    const order = await createOrder(orders.url);
    expect((await api(orders.url, '/api/orders')).status).toBe(401);
    expect((await api(orders.url, `/api/orders/${order.id}`, { headers: { 'x-user-id': 'someone' } })).body.error.code).toBe('UNAUTHORIZED');
    const forbidden = await api(orders.url, `/api/admin/orders/${order.id}/refund`, {
      method: 'POST',
      json: { reason: 'x' },
      as: asCustomer(order.customerId!),
    });
    expect(forbidden.status).toBe(403);
    expect((await api(orders.url, '/api/admin/orders', { as: asCustomer(order.customerId!) })).status).toBe(403);
  });

  it('names bad query and path values with 400', async () => {
    const me = asCustomer(randomUUID());
    expect((await api(orders.url, '/api/orders?limit=abc', { as: me })).body.error.details).toEqual([{ field: 'limit', reason: 'must be a number' }]);
    expect((await api(orders.url, '/api/orders?cursor=garbage', { as: me })).body.error.code).toBe('INVALID_CURSOR');
    expect((await api(orders.url, '/api/orders/123', { as: me })).body.error.details).toEqual([
      { field: 'ref', reason: 'must be an order id (UUID) or an order number (SO-000123)' },
    ]);
    expect((await api(orders.url, '/api/orders/SO-000000', { as: me })).status).toBe(404);
    expect((await api(orders.url, '/api/orders/SO-99999999999', { as: me })).status).toBe(404);
  });
});

describe('admins list and filter every order', () => {
  it('filters by customer, status and creation window, and pages newest first', async () => {
    const bob = randomUUID();
    clock.advance(86_400_000);
    const day1 = clock.now();
    const a = await createOrder(orders.url, { customerId: bob });
    clock.advance(86_400_000);
    const b = await createOrder(orders.url, { customerId: bob });
    await transition(orders.url, b.id, { to: 'AWAITING_PAYMENT' });
    clock.advance(86_400_000);
    const c = await createOrder(orders.url, { customerId: bob });
    await transition(orders.url, c.id, { to: 'CANCELLED', reason: 'OUT_OF_STOCK' });
    clock.advance(86_400_000);
    const d = await createOrder(orders.url, { customerId: bob });

    const ids = async (q: string) => (await pages(`/api/admin/orders?customerId=${bob}${q}`, asAdmin(), 2)).flat().map((o) => o.id);
    expect(await ids('')).toEqual([d.id, c.id, b.id, a.id]);
    expect(await ids('&status=PENDING')).toEqual([d.id, a.id]);
    expect(await ids('&status=CANCELLED')).toEqual([c.id]);
    const at = (days: number) => new Date(day1.getTime() + days * 86_400_000).toISOString();
    expect(await ids(`&from=${at(1)}&to=${at(3)}`)).toEqual([c.id, b.id]); // from inclusive, to exclusive
    expect(await ids(`&from=${at(3)}`)).toEqual([d.id]);
    expect(await ids(`&to=${at(0.5)}`)).toEqual([a.id]);

    const cancelled = (await pages(`/api/admin/orders?customerId=${bob}&status=CANCELLED`, asAdmin(), 5)).flat();
    expect(cancelled[0]).toMatchObject({ status: 'CANCELLED', cancelReason: 'OUT_OF_STOCK' });
  });

  it('lists across customers and reads any order by id or number', async () => {
    const o = await createOrder(orders.url);
    // Other test files share the database (their orders, in real time, are newer than this file's
    // clock): walk every page rather than assume the order is among the newest 100.
    const all = (await pages('/api/admin/orders', asAdmin(), 100)).flat();
    expect(all.map((x: OrderSummary) => x.id)).toContain(o.id);
    expect(new Set(all.map((x: OrderSummary) => x.customerId)).size).toBeGreaterThan(1);
    expect((await api(orders.url, `/api/admin/orders/${o.number}`, { as: asAdmin() })).body.id).toBe(o.id);
    expect((await api(orders.url, `/api/admin/orders/${randomUUID()}`, { as: asAdmin() })).status).toBe(404);
  });

  it('finds an order by its number however it is typed, combined with the other filters', async () => {
    const o = await createOrder(orders.url);
    const sequence = Number(o.number.replace('SO-', ''));
    for (const typed of [o.number, o.number.toLowerCase(), String(sequence)]) {
      const res = await api(orders.url, `/api/admin/orders?number=${encodeURIComponent(typed)}`, { as: asAdmin() });
      expect(res.body.items.map((x: OrderSummary) => x.id), typed).toEqual([o.id]);
    }
    const otherStatus = await api(orders.url, `/api/admin/orders?number=${sequence}&status=CANCELLED`, { as: asAdmin() });
    expect(otherStatus.body).toEqual({ items: [], nextCursor: null });
    const otherCustomer = await api(orders.url, `/api/admin/orders?number=${sequence}&customerId=${randomUUID()}`, { as: asAdmin() });
    expect(otherCustomer.body.items).toEqual([]);
    const bad = await api(orders.url, '/api/admin/orders?number=SO-12x', { as: asAdmin() });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ field: 'number', reason: 'must be an order number such as SO-000123 or 123' }]);
  });

  it('finds the orders of an email however it is typed, guests and accounts alike', async () => {
    const email = `grace.${randomUUID().slice(0, 8)}@example.com`;
    // A second apart on the service's clock: newest first is then the guest's, then the account's.
    const account = await createOrder(orders.url, { email });
    clock.advance(1_000);
    const guest = await createOrder(orders.url, { customerId: null, email: email.toUpperCase() });
    await createOrder(orders.url, { email: `other.${email}` });
    const ids = async (q: string) => (await pages(`/api/admin/orders?${q}`, asAdmin(), 5)).flat().map((o: OrderSummary) => o.id);
    expect(await ids(`email=${encodeURIComponent(email)}`)).toEqual([guest.id, account.id]);
    expect(await ids(`email=${encodeURIComponent(` ${email.toUpperCase()} `)}`)).toEqual([guest.id, account.id]);
    expect(await ids(`email=${encodeURIComponent(email)}&status=CANCELLED`)).toEqual([]);
  });

  it('names bad filters with 400', async () => {
    const res = await api(orders.url, '/api/admin/orders?status=LOST&customerId=x&from=yesterday&email=ann', { as: asAdmin() });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['customerId', 'email', 'from', 'status']);
    const window = await api(orders.url, '/api/admin/orders?from=2026-02-01&to=2026-01-01', { as: asAdmin() });
    expect(window.body.error.details).toEqual([{ field: 'to', reason: 'must be after from' }]);
  });
});
