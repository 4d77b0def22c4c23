import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlashSaleStartedV1, OrderCreatedV1, type DashboardSnapshot, type SaleLiveView } from '@shop/contracts';
import { DependencyRelays, eventually, identityHeaders, SseClient, testEnv, uniquePrefix } from '@shop/testing';
import { ADMIN, CUSTOMER, get, startTestAnalytics, TestPublisher } from './analytics-harness.js';
import { anOrder, aSale } from './events.js';

/**
 * The live stream: a snapshot at once, updated ones as events arrive, a sale's view alongside,
 * heartbeats; a closed tab ends the subscription; shutdown ends the streams. With Redis away
 * the routes answer 503 and the stream says `unavailable`, then both recover by themselves.
 */
describe('analytics live stream', () => {
  const prefix = uniquePrefix();
  const events = new TestPublisher(prefix);
  const relays = new DependencyRelays({ databaseUrl: testEnv().databaseUrl, redisUrl: testEnv().redisUrl });
  let service: Awaited<ReturnType<typeof startTestAnalytics>>;

  const open = (query = '') => {
    const path = `/api/admin/analytics/stream${query}`;
    return SseClient.open(service.url + path, identityHeaders(ADMIN, { method: 'GET', path }));
  };

  beforeAll(async () => {
    const { redisUrl } = await relays.start();
    // The stream's heartbeat is every 5 s; updates every 200 ms here.
    service = await startTestAnalytics({ prefix, env: { REDIS_URL: redisUrl } });
  });
  afterAll(async () => {
    await relays.shutDown(() => service?.close());
    events.close();
  });

  it('sends a snapshot at once, then updated ones as events arrive, with heartbeats', async () => {
    const stream = await open('?window=5m');
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toContain('text/event-stream');
      const first = await stream.next<DashboardSnapshot>('snapshot');
      expect(first.data.window.name).toBe('5m');
      await events.publish(OrderCreatedV1, { order: anOrder() });
      await events.publish(OrderCreatedV1, { order: anOrder() });
      const updated = await stream.next<DashboardSnapshot>('snapshot', (s) => s.orders.total === first.data.orders.total + 2, { after: first.index + 1 });
      expect(updated.data.funnel.checkedOut).toBe(first.data.orders.total + 2);
      await eventually(() => expect(stream.comments).toContain('heartbeat'));
    } finally {
      stream.close();
    }
    // The closed connection leaves the feed.
    await eventually(() => expect(service.feed.size).toBe(0));
  });

  it('streams a sale view alongside when ?sale= names one, and refuses what it cannot serve', async () => {
    const sale = aSale('LIVE-SALE-TEE', { units: 3 });
    await events.publish(FlashSaleStartedV1, sale);
    const stream = await open(`?sale=${sale.flashSaleId}`);
    try {
      const view = await stream.next<SaleLiveView>('sale', (v) => v.flashSaleId === sale.flashSaleId && v.status === 'live');
      expect(view.data).toMatchObject({ units: 3, unitsLeft: 3 });
    } finally {
      stream.close();
    }
    const customer = await SseClient.open(`${service.url}/api/admin/analytics/stream`, identityHeaders(CUSTOMER, { method: 'GET', path: '/api/admin/analytics/stream' }));
    expect(customer.status).toBe(403);
    const bad = await get(service.url, '/api/admin/analytics/stream?sale=nope', ADMIN);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('sale');
  });

  it('answers 503 while Redis is away, says so on the stream, and recovers without a restart', async () => {
    const stream = await open();
    try {
      const before = await stream.next<DashboardSnapshot>('snapshot');
      await relays.redis.cut();
      const down = await get(service.url, '/api/admin/analytics/dashboard', ADMIN);
      expect(down.status).toBe(503);
      const unavailable = await stream.next<{ error: { code: string } }>('unavailable', () => true, { after: before.index + 1 });
      expect(unavailable.data.error.code).toBe('DEPENDENCY_UNAVAILABLE');
      await relays.redis.restore();
      await eventually(async () => expect((await get(service.url, '/api/admin/analytics/dashboard', ADMIN)).status).toBe(200));
      await stream.next<DashboardSnapshot>('snapshot', () => true, { after: unavailable.index + 1 });
    } finally {
      await relays.redis.restore().catch(() => undefined);
      stream.close();
    }
  });

  it('ends open streams when the service shuts down', async () => {
    // An instance of its own: its only connection is the stream's.
    const own = await startTestAnalytics({ prefix: uniquePrefix() });
    const path = '/api/admin/analytics/stream';
    const stream = await SseClient.open(own.url + path, identityHeaders(ADMIN, { method: 'GET', path }));
    await stream.next('snapshot');
    await own.close();
    await eventually(() => expect(stream.ended).toBe(true));
  });
});
