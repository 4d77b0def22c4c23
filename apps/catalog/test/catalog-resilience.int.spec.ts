import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DependencyRelays, statusAfterRecovery, testEnv } from '@shop/testing';
import { api, createProduct, startTestCatalog } from './catalog-harness.js';

/**
 * The catalog talks to the real Postgres and Redis through TCP relays the test can cut, so
 * "the database went down" happens for real without stopping the shared servers.
 */
describe('when a dependency goes down and comes back', () => {
  const relays = new DependencyRelays(testEnv());
  const pgProxy = relays.postgres;
  const redisProxy = relays.redis;
  let catalog: Awaited<ReturnType<typeof startTestCatalog>>;

  beforeAll(async () => {
    catalog = await startTestCatalog(await relays.start());
  });
  afterAll(() => relays.shutDown(() => catalog?.service.close()));

  it('Postgres down: ready and product reads answer 503 with a clear error; the same process serves again after', async () => {
    const product = await createProduct(catalog.url);
    expect((await api(catalog.url, '/health/ready')).status).toBe(200);

    await pgProxy.cut();
    const ready = await api(catalog.url, '/health/ready');
    expect(ready.status).toBe(503);
    const list = await api(catalog.url, '/api/products?limit=2');
    expect(list.status).toBe(503);
    expect(list.body.error.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(list.headers.get('retry-after')).toBeTruthy();
    const create = await api(catalog.url, '/api/admin/products', { method: 'POST', json: { title: 'x', variants: [] } });
    expect(create.status).toBe(400); // validation still answers first, and nothing is written

    await pgProxy.restore();
    expect(await statusAfterRecovery(() => api(catalog.url, '/api/products?limit=2'))).toBe(200);
    expect((await api(catalog.url, `/api/admin/products/${product.id}`)).status).toBe(200);
    expect((await api(catalog.url, '/health/ready')).status).toBe(200);
  });

  it('Redis down: product reads still work from Postgres, readiness says redis is down', async () => {
    const product = await createProduct(catalog.url);
    await redisProxy.cut();
    const read = await api(catalog.url, `/api/products/${product.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('x-cache')).toBe('MISS');
    const ready = await api(catalog.url, '/health/ready');
    expect(ready.status).toBe(503);
    expect(JSON.stringify(ready.body)).toMatch(/redis/);

    await redisProxy.restore();
    expect(await statusAfterRecovery(() => api(catalog.url, '/health/ready'))).toBe(200);
  });
});
