import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderRefundedV1, OrderStatusChangedV1, type Order, type OrderRefund } from '@shop/contracts';
import { createEvent, EventBus } from '@shop/messaging';
import { partitionOf } from '@shop/partitioning';
import { testEnv } from '@shop/testing';
import { api, database, eventually, reserve, retryingPassing, setStock, startTestInventory, totalsOf, uniquePrefix, uniqueSku } from './inventory-harness.js';

/**
 * Restocks from the orders stream: a refund puts its lines back, a cancel of a paid order puts
 * back what was not refunded, each once, and an event published while inventory is down is
 * handled when it comes back.
 */
let db: pg.Pool;
let redis: Redis;

beforeAll(() => {
  db = database();
  redis = new Redis(testEnv().redisUrl);
});
afterAll(async () => {
  await db?.end();
  redis?.disconnect();
});

/** Sells `quantity` units of each SKU through a committed reservation, as checkout does. */
async function sell(url: string, items: { sku: string; quantity: number }[]): Promise<void> {
  // Both are safe to repeat (the key; a commit is idempotent), so a passing 503 on a loaded machine is retried.
  const key = `sell-${randomUUID()}`;
  const held = await retryingPassing(() => reserve(url, key, { items }));
  expect(held.status).toBe(201);
  const commit = await retryingPassing(() => api(url, `/internal/inventory/reservations/${held.body.reservationId}/commit`, { method: 'POST' }));
  expect(commit.status).toBe(200);
}

function order(lines: { sku: string; quantity: number }[], refunds: OrderRefund[] = [], status: Order['status'] = 'CONFIRMED'): Order {
  const at = new Date().toISOString();
  return {
    id: randomUUID(),
    number: 'SO-000042',
    customerId: randomUUID(),
    email: null,
    status,
    currency: 'EUR',
    lines: lines.map((l) => ({ sku: l.sku, name: l.sku, unitPrice: 1000, quantity: l.quantity, lineTotal: 1000 * l.quantity })),
    subtotal: 0,
    discounts: [],
    discountTotal: 0,
    shipping: 0,
    total: 0,
    shippingAddress: { name: 'Ada', line1: '1 St', city: 'London', postalCode: 'N1', country: 'GB' },
    cancelReason: null,
    checkoutId: randomUUID(),
    history: [],
    refunds,
    version: 4,
    createdAt: at,
    updatedAt: at,
  };
}

const refundOf = (lines: { sku: string; quantity: number }[]): OrderRefund => ({
  id: randomUUID(),
  amount: 0,
  lines,
  reason: 'Arrived damaged',
  actor: 'admin:x',
  at: new Date().toISOString(),
});

function refundedEvent(o: Order, refund: OrderRefund) {
  return createEvent(OrderRefundedV1, { aggregateId: o.id, version: o.version, payload: { refund, final: false, order: o }, source: 'orders' });
}

function cancelledEvent(o: Order) {
  const cancelled = { ...o, status: 'CANCELLED' as const, version: o.version + 1 };
  return createEvent(OrderStatusChangedV1, {
    aggregateId: o.id,
    version: cancelled.version,
    payload: { from: 'CONFIRMED', to: 'CANCELLED', reason: 'Customer asked', actor: 'admin:x', order: cancelled },
    source: 'orders',
  });
}

async function restockedCount(sku: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM messaging.outbox_event WHERE event_type = 'inventory.stock.restocked.v1' AND aggregate_id = $1`,
    [sku],
  );
  return Number(rows[0]!.n);
}

/** on hand = available + reserved + committed, and committed = sold items − restocked units. */
async function expectInvariant(sku: string, available: number): Promise<void> {
  const t = await totalsOf(db, sku);
  const { rows } = await db.query<{ q: string | null }>('SELECT sum(quantity) AS q FROM inventory.restock WHERE sku = $1', [sku]);
  expect(t.onHand - t.reserved - t.committed).toBe(available);
  expect(t.committed).toBe(t.committedItems - Number(rows[0]!.q ?? 0));
  expect(t.reserved).toBe(t.heldItems);
}

describe('restocks from orders events', () => {
  let inv: Awaited<ReturnType<typeof startTestInventory>>;
  let bus: EventBus;

  beforeAll(async () => {
    inv = await startTestInventory();
    bus = new EventBus({ redis, prefix: inv.prefix });
  });
  afterAll(async () => {
    await inv?.service.close();
  });

  it('a refund puts its lines back into available stock once, however often the event arrives', async () => {
    const [tee, cap] = [uniqueSku('RST'), uniqueSku('RST')];
    await setStock(inv.url, tee, 5);
    await setStock(inv.url, cap, 5);
    await sell(inv.url, [
      { sku: tee, quantity: 3 },
      { sku: cap, quantity: 1 },
    ]);
    const o = order([
      { sku: tee, quantity: 3 },
      { sku: cap, quantity: 1 },
    ]);
    const event = refundedEvent(o, refundOf([{ sku: tee, quantity: 2 }]));
    await bus.publish(event);
    await eventually(async () => (await totalsOf(db, tee)).committed === 1, 20_000, 'the refund restocked');
    // Redelivered (the same event) and replayed (published again): nothing more.
    await bus.publish(event);
    const marker = refundedEvent(o, refundOf([{ sku: cap, quantity: 1 }]));
    await bus.publish(marker);
    await eventually(async () => (await totalsOf(db, cap)).committed === 0, 20_000, 'the later refund restocked');
    expect(await totalsOf(db, tee)).toMatchObject({ onHand: 5, committed: 1 });
    expect(await restockedCount(tee)).toBe(1);
    await expectInvariant(tee, 4);
    await expectInvariant(cap, 5);
    expect((await api(inv.url, `/api/admin/inventory/${tee}`)).body).toEqual({ sku: tee, onHand: 5, reserved: 0, committed: 1, available: 4 });
  });

  it('a cancel after a partial refund puts back only what the refund did not, once', async () => {
    const sku = uniqueSku('RST');
    await setStock(inv.url, sku, 4);
    await sell(inv.url, [{ sku, quantity: 3 }]);
    const refund = refundOf([{ sku, quantity: 1 }]);
    const o = order([{ sku, quantity: 3 }], [refund]);
    await bus.publish(refundedEvent(o, refund));
    await bus.publish(cancelledEvent(o));
    await bus.publish(cancelledEvent(o));
    await eventually(async () => (await totalsOf(db, sku)).committed === 0, 20_000, 'refund and cancel restocked');
    // A marker event after the duplicates: once it is handled, so were they.
    const other = uniqueSku('RST');
    await setStock(inv.url, other, 1);
    await sell(inv.url, [{ sku: other, quantity: 1 }]);
    await bus.publish(cancelledEvent(order([{ sku: other, quantity: 1 }])));
    await eventually(async () => (await totalsOf(db, other)).committed === 0, 20_000, 'the marker restocked');
    expect(await restockedCount(sku)).toBe(2);
    await expectInvariant(sku, 4);
  });

  it('ignores the cancel of an order that was never paid (its stock was released, not sold)', async () => {
    const sku = uniqueSku('RST');
    await setStock(inv.url, sku, 2);
    await sell(inv.url, [{ sku, quantity: 2 }]);
    const unpaid = createEvent(OrderStatusChangedV1, {
      aggregateId: randomUUID(),
      version: 3,
      payload: { from: 'AWAITING_PAYMENT', to: 'CANCELLED', reason: 'PAYMENT_DECLINED', actor: 'checkout-saga', order: order([{ sku, quantity: 2 }], [], 'CANCELLED') },
      source: 'orders',
    });
    await bus.publish(unpaid);
    const marker = uniqueSku('RST');
    await setStock(inv.url, marker, 1);
    await sell(inv.url, [{ sku: marker, quantity: 1 }]);
    await bus.publish(cancelledEvent(order([{ sku: marker, quantity: 1 }])));
    await eventually(async () => (await totalsOf(db, marker)).committed === 0, 20_000, 'the marker restocked');
    expect(await totalsOf(db, sku)).toMatchObject({ committed: 2 });
  });

  it('serves peers only on the partition route, and refuses to restock more than was sold', async () => {
    const sku = uniqueSku('RST');
    await setStock(inv.url, sku, 3);
    await sell(inv.url, [{ sku, quantity: 1 }]);
    const path = `/internal/inventory/partitions/${partitionOf(sku, inv.config.partitions)}/restocks`;
    const body = { key: `peer-${sku}`, sku, quantity: 1, reason: null };
    expect((await api(inv.url, path, { method: 'POST', json: body, caller: { service: 'payments' } })).status).toBe(403);
    const over = await api(inv.url, path, { method: 'POST', json: { ...body, quantity: 2 }, caller: { service: 'inventory' } });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('CONFLICT');
    const done = await api(inv.url, path, { method: 'POST', json: body, caller: { service: 'inventory' } });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ sku, onHand: 3, reserved: 0, committed: 0, available: 3 });
    const bad = await api(inv.url, path, { method: 'POST', json: { ...body, quantity: 0 }, caller: { service: 'inventory' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('quantity');
  });
});

describe('inventory down when the refund happens', () => {
  it('restocks when it comes back: the event waits in the stream', async () => {
    const prefix = uniquePrefix();
    const sku = uniqueSku('RST');
    const first = await startTestInventory({ prefix });
    try {
      await setStock(first.url, sku, 2);
      await sell(first.url, [{ sku, quantity: 2 }]);
    } finally {
      await first.service.close();
    }
    await new EventBus({ redis, prefix }).publish(refundedEvent(order([{ sku, quantity: 2 }]), refundOf([{ sku, quantity: 2 }])));
    const again = await startTestInventory({ prefix });
    try {
      await eventually(async () => (await totalsOf(db, sku)).committed === 0, 30_000, 'the restock after the restart');
      await expectInvariant(sku, 2);
    } finally {
      await again.service.close();
    }
  });
});
