import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamKey } from '@shop/messaging';
import { DependencyRelays, statusAfterRecovery, testEnv } from '@shop/testing';
import { api, asCustomer, createOrder, orderBody, redisClient, startTestOrders, transition } from './orders-harness.js';

/**
 * The service talks to the real Postgres and Redis through TCP relays the test can cut, so
 * "the database went down" happens for real without stopping the shared servers.
 */
describe('when a dependency goes down and comes back', () => {
  const relays = new DependencyRelays(testEnv());
  const pgProxy = relays.postgres;
  const redisProxy = relays.redis;
  let orders: Awaited<ReturnType<typeof startTestOrders>>;

  beforeAll(async () => {
    orders = await startTestOrders(await relays.start());
  });
  afterAll(() => relays.shutDown(() => orders?.service.close()));

  it('Postgres down: reads and writes answer 503 with a clear error; the same process serves again after', async () => {
    const order = await createOrder(orders.url);
    const me = asCustomer(order.customerId!);
    expect((await api(orders.url, '/health/ready')).status).toBe(200);

    await pgProxy.cut();
    expect((await api(orders.url, '/health/ready')).status).toBe(503);
    const read = await api(orders.url, `/api/orders/${order.id}`, { as: me });
    expect(read.status).toBe(503);
    expect(read.body.error.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(read.headers.get('retry-after')).toBeTruthy();
    const create = await api(orders.url, '/internal/orders', { method: 'POST', json: orderBody() });
    expect(create.status).toBe(503);
    expect((await transition(orders.url, order.id, { to: 'AWAITING_PAYMENT' })).status).toBe(503);
    const invalid = await api(orders.url, '/internal/orders', { method: 'POST', json: { checkoutId: 'x' } });
    expect(invalid.status).toBe(400); // validation still answers first

    await pgProxy.restore();
    expect(await statusAfterRecovery(() => api(orders.url, '/api/orders', { as: me }))).toBe(200);
    const moved = await transition(orders.url, order.id, { to: 'AWAITING_PAYMENT' });
    expect(moved.status).toBe(200);
    expect(moved.body.history).toHaveLength(2); // the refused attempt during the outage left nothing behind
    expect((await api(orders.url, '/health/ready')).status).toBe(200);
  });

  it('Redis down: orders are still taken (events wait in the outbox); readiness says redis is down', async () => {
    await redisProxy.cut();
    const created = await api(orders.url, '/internal/orders', { method: 'POST', json: orderBody() });
    expect(created.status).toBe(201);
    const ready = await api(orders.url, '/health/ready');
    expect(ready.status).toBe(503);
    expect(JSON.stringify(ready.body)).toMatch(/redis/);

    await redisProxy.restore();
    expect(await statusAfterRecovery(() => api(orders.url, '/health/ready'))).toBe(200);

    // The relay publishes what was committed while Redis was away.
    const redis = redisClient();
    try {
      let published = false;
      for (let i = 0; i < 60 && !published; i++) {
        const entries = await redis.xrange(streamKey(orders.prefix, 'events.orders'), '-', '+');
        published = entries.some(([, f]) => JSON.parse(f[f.indexOf('envelope') + 1]).aggregateId === created.body.id);
        if (!published) await new Promise((r) => setTimeout(r, 250));
      }
      expect(published).toBe(true);
    } finally {
      redis.disconnect();
    }
  });
});
