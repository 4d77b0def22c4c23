import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DashboardSnapshot,
  FlashSaleStartedV1,
  OrderCreatedV1,
  OrderRefundedV1,
  OrderStatusChangedV1,
  ReservationCommittedV1,
  ReservationReleasedV1,
  ReservationReservedV1,
  SaleLiveView,
  StockSoldOutV1,
} from '@shop/contracts';
import { eventually, uniquePrefix } from '@shop/testing';
import { ADMIN, CUSTOMER, get, startTestAnalytics, TestPublisher } from './analytics-harness.js';
import { anOrder, aReservationId, aSale } from './events.js';

/**
 * The aggregates on real Redis: events published on the platform's streams come out as the
 * dashboard's figures; a redelivered event counts once; a restarted service continues from
 * where it stopped (counting what was published while it was down, and nothing twice).
 */
describe('analytics figures from the event streams', () => {
  const prefix = uniquePrefix();
  const events = new TestPublisher(prefix);
  let service: Awaited<ReturnType<typeof startTestAnalytics>>;

  const dashboard = async () => {
    const res = await get(service.url, '/api/admin/analytics/dashboard?window=15m', ADMIN);
    expect(res.status, res.text).toBe(200);
    return DashboardSnapshot.parse(res.body);
  };

  beforeAll(async () => {
    service = await startTestAnalytics({ prefix });
  });
  afterAll(async () => {
    await service?.close();
    events.close();
  });

  it('turns orders, payments, reservations and sell-outs into the dashboard figures', async () => {
    const paid = anOrder({ total: 4250, currency: 'EUR' });
    const declined = anOrder();
    await events.publish(OrderCreatedV1, { order: paid });
    await events.publish(OrderCreatedV1, { order: declined });
    await events.publish(OrderStatusChangedV1, { from: 'AWAITING_PAYMENT', to: 'CONFIRMED', reason: null, actor: 'checkout', order: { ...paid, status: 'CONFIRMED' } });
    await events.publish(OrderStatusChangedV1, { from: 'PENDING', to: 'CANCELLED', reason: 'PAYMENT_DECLINED', actor: 'checkout', order: { ...declined, status: 'CANCELLED' } });
    for (const customerId of [randomUUID(), randomUUID(), randomUUID()]) {
      await events.publish(ReservationReservedV1, { reservationId: aReservationId(), customerId, items: [{ sku: 'FIG-TEE', quantity: 1 }], expiresAt: new Date(Date.now() + 60_000).toISOString() });
    }
    await events.publish(StockSoldOutV1, { sku: 'FIG-TEE', onHand: 3, reserved: 3, committed: 0, available: 0 });

    const snapshot = await eventually(async () => {
      const s = await dashboard();
      expect(s.soldOutSkus.map((x) => x.sku)).toContain('FIG-TEE');
      expect(s.funnel).toEqual({ held: 3, checkedOut: 2, paid: 1 });
      return s;
    });
    expect(snapshot.orders.total).toBe(2);
    expect(snapshot.orders.perMinute).toHaveLength(15);
    expect(snapshot.revenue.total).toEqual([{ currency: 'EUR', amount: 4250 }]);
    expect(snapshot.reservations.total).toBe(3);
    expect(snapshot.reservations.perSecond.reduce((sum, p) => sum + p.value, 0)).toBe(3);
    expect(snapshot.sagas).toMatchObject({ failed: [{ reason: 'PAYMENT_DECLINED', count: 1 }], failedTotal: 1 });
    // Nothing answers where this test's services would be: each shows down, with why.
    expect(snapshot.services.find((s) => s.name === 'orders')).toMatchObject({ status: 'down' });
  });

  it('counts what went back to customers: a refund, then the rest of the paid order the shop cancelled', async () => {
    const before = (await dashboard()).revenue.refunded.find((m) => m.currency === 'USD')?.amount ?? 0;
    const order = anOrder({ total: 9000, currency: 'USD' });
    const refund = { id: randomUUID(), amount: 2500, lines: [], reason: 'damaged', actor: 'admin:x', at: new Date().toISOString() };
    await events.publish(OrderRefundedV1, { refund, final: false, order: { ...order, status: 'CONFIRMED', refunds: [refund] } });
    await events.publish(OrderStatusChangedV1, { from: 'CONFIRMED', to: 'CANCELLED', reason: 'customer asked', actor: 'admin:x', order: { ...order, status: 'CANCELLED', refunds: [refund] } });
    await eventually(async () => {
      expect((await dashboard()).revenue.refunded.find((m) => m.currency === 'USD')?.amount).toBe(before + 9000);
    });
  });

  it('counts a redelivered event once', async () => {
    const before = await dashboard();
    const created = await events.publish(OrderCreatedV1, { order: anOrder() });
    await events.again(created);
    await events.again(created);
    // A later event, counted after the redeliveries (one consumer, stream order): they were handled.
    await events.publish(StockSoldOutV1, { sku: 'FIG-MARKER-1', onHand: 0, reserved: 0, committed: 0, available: 0 });
    const after = await eventually(async () => {
      const s = await dashboard();
      expect(s.soldOutSkus.map((x) => x.sku)).toContain('FIG-MARKER-1');
      return s;
    });
    expect(after.orders.total).toBe(before.orders.total + 1);
    expect(await service.store.applyOnce(created.eventId, [{ kind: 'count', figure: 'orders.created', at: Date.now(), by: 1 }])).toBe(false);
  });

  it('continues after a restart: what was published while it was down is counted, nothing twice', async () => {
    const before = await dashboard();
    await service.close();
    await events.publish(OrderCreatedV1, { order: anOrder() });
    await events.publish(OrderCreatedV1, { order: anOrder() });
    await events.publish(StockSoldOutV1, { sku: 'FIG-MARKER-2', onHand: 0, reserved: 0, committed: 0, available: 0 });
    service = await startTestAnalytics({ prefix });
    // A message the stopped instance's last read took is reclaimed from it once idle (ANALYTICS_CLAIM_IDLE_MS).
    const after = await eventually(async () => {
      const s = await dashboard();
      expect(s.soldOutSkus.map((x) => x.sku)).toContain('FIG-MARKER-2');
      expect(s.orders.total).toBe(before.orders.total + 2);
      return s;
    });
    expect(after.funnel.paid).toBe(before.funnel.paid);
    // Nothing is counted twice once every pending message was handled.
    await eventually(async () => {
      const counts = await Promise.all(service.consumers.map((c) => events.pending(c.group.replace('analytics.', 'events.'), c.group)));
      expect(counts).toEqual([0, 0, 0]);
    });
    expect((await dashboard()).orders.total).toBe(before.orders.total + 2);
  });

  it('follows a flash sale: units sold, held and left, buyers holding, time to sell out', async () => {
    const sku = `FIG-SALE-${randomUUID().slice(0, 6).toUpperCase()}`;
    const sale = aSale(sku, { units: 5 });
    await events.publish(FlashSaleStartedV1, sale);
    const holds = [aReservationId(), aReservationId(), aReservationId()];
    const buyers = [randomUUID(), randomUUID()];
    await events.publish(ReservationReservedV1, { reservationId: holds[0]!, customerId: buyers[0]!, items: [{ sku, quantity: 2 }], expiresAt: sale.endsAt });
    await events.publish(ReservationReservedV1, { reservationId: holds[1]!, customerId: buyers[1]!, items: [{ sku, quantity: 1 }], expiresAt: sale.endsAt });
    await events.publish(ReservationReservedV1, { reservationId: holds[2]!, customerId: buyers[1]!, items: [{ sku, quantity: 1 }], expiresAt: sale.endsAt });
    await events.publish(ReservationCommittedV1, { reservationId: holds[0]!, customerId: buyers[0]!, items: [{ sku, quantity: 2 }] });
    await events.publish(ReservationReleasedV1, { reservationId: holds[2]!, customerId: buyers[1]!, items: [{ sku, quantity: 1 }] });

    const view = await eventually(async () => {
      const res = await get(service.url, `/api/admin/analytics/sales/${sale.flashSaleId}`, ADMIN);
      expect(res.status, res.text).toBe(200);
      const v = SaleLiveView.parse(res.body);
      expect(v).toMatchObject({ unitsSold: 2, unitsHeld: 1 });
      return v;
    });
    expect(view).toMatchObject({ status: 'live', units: 5, unitsLeft: 2, buyersHolding: 1, soldOutAt: null, secondsToSellOut: null, revenue: { amount: 2000, currency: 'EUR' } });
    expect(view.sellThrough.at(-1)).toMatchObject({ sold: 2, held: 1 });

    const unknown = await get(service.url, `/api/admin/analytics/sales/${randomUUID()}`, ADMIN);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('refuses customers (403) and anonymous callers (401), and bad input naming the field (400)', async () => {
    for (const path of ['/api/admin/analytics/dashboard', '/api/admin/analytics/stream', `/api/admin/analytics/sales/${randomUUID()}`]) {
      expect([path, (await get(service.url, path)).status]).toEqual([path, 401]);
      expect([path, (await get(service.url, path, CUSTOMER)).status]).toEqual([path, 403]);
    }
    const badWindow = await get(service.url, '/api/admin/analytics/dashboard?window=2y', ADMIN);
    expect(badWindow.status).toBe(400);
    expect(JSON.stringify(badWindow.body.error)).toContain('window');
    const badId = await get(service.url, '/api/admin/analytics/sales/not-a-uuid', ADMIN);
    expect(badId.status).toBe(400);
    expect(JSON.stringify(badId.body.error)).toContain('id');
  });
});
