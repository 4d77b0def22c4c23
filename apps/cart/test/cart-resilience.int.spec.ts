import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointOf, statusAfterRecovery, TcpProxy, testEnv } from '@shop/testing';
import type { RunningService } from '@shop/service-kit';
import { startCart } from '../src/cart-app.js';
import { cartConfigFrom, CartEnv } from '../src/config.js';
import { api, listTotals, StandInCatalog } from './cart-harness.js';

/** The cart talks to the real Redis through a TCP relay the test cuts: Redis "goes down" for real. */
describe('when Redis goes down and comes back', () => {
  const env = testEnv();
  const rd = endpointOf(env.redisUrl, 6379);
  const redisProxy = new TcpProxy(rd.host, rd.port);
  const catalog = new StandInCatalog();
  let service: RunningService;

  beforeAll(async () => {
    await redisProxy.start();
    const config = cartConfigFrom(
      CartEnv.parse({
        CART_PORT: 0,
        REDIS_URL: redisProxy.urlFor(env.redisUrl),
        REDIS_PREFIX: `${env.redisPrefix}res:`,
        REDIS_COMMAND_TIMEOUT_MS: 500, // short, so the silent-link test sees it soon

        CATALOG_URL: await catalog.start(),
      }),
    );
    service = await startCart(config, { handleSignals: false });
  });
  afterAll(async () => {
    await redisProxy.restore().catch(() => undefined);
    await service?.close();
    await redisProxy.cut();
    await catalog.stop();
  });

  it('answers 503 with the error shape and not ready; serves the same carts again once Redis is back', async () => {
    const [sku] = catalog.addProduct([1500]);
    const created = await api(service.url, '/api/carts', { method: 'POST' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await api(service.url, `/api/carts/${id}/items`, { method: 'POST', json: { sku, quantity: 2 } })).status).toBe(200);

    await redisProxy.cut();
    for (const res of [
      await api(service.url, '/api/carts', { method: 'POST' }),
      await api(service.url, `/api/carts/${id}`),
      await api(service.url, `/api/carts/${id}/items`, { method: 'POST', json: { sku, quantity: 1 } }),
    ]) {
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('DEPENDENCY_UNAVAILABLE');
      expect(res.headers.get('retry-after')).toBeTruthy();
    }
    const ready = await api(service.url, '/health/ready');
    expect(ready.status).toBe(503);
    expect(JSON.stringify(ready.body)).toMatch(/redis/);

    await redisProxy.restore();
    expect(await statusAfterRecovery(() => api(service.url, `/api/carts/${id}`))).toBe(200);
    const after = await api(service.url, `/api/carts/${id}/items`, { method: 'POST', json: { sku, quantity: 1 } });
    expect(after.body.totals).toEqual(listTotals(4500, 3));
    expect((await api(service.url, '/health/ready')).status).toBe(200);
  });

  it('answers 503 when the link to Redis goes silent (no reset), and serves again once it returns', async () => {
    const [sku] = catalog.addProduct([700]);
    const created = await api(service.url, '/api/carts', { method: 'POST' });
    const id = created.body.id;
    expect((await api(service.url, `/api/carts/${id}/items`, { method: 'POST', json: { sku, quantity: 1 } })).status).toBe(200);

    // Nothing tells the service the link is gone: only its timeouts fail the command waiting on it
    // and drop the connection, so a new one is made.
    redisProxy.stall();
    const during = await api(service.url, `/api/carts/${id}`);
    expect(during.status).toBe(503);
    expect(during.body.error.code).toBe('DEPENDENCY_UNAVAILABLE');

    await redisProxy.restore();
    expect(await statusAfterRecovery(() => api(service.url, `/api/carts/${id}`))).toBe(200);
    const after = await api(service.url, `/api/carts/${id}/items`, { method: 'POST', json: { sku, quantity: 1 } });
    expect(after.body.totals).toEqual(listTotals(1400, 2));
    expect((await api(service.url, '/health/ready')).status).toBe(200);
  });
});
