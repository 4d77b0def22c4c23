import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointOf, TcpProxy, testEnv } from '@shop/testing';
import { api, createProduct, startTestCatalog } from './catalog-harness.js';

/**
 * The catalog talks to the real Postgres and Redis through TCP relays the test can cut, so
 * "the database went down" happens for real without stopping the shared servers.
 */
describe('when a dependency goes down and comes back', () => {
  const env = testEnv();
  const pg = endpointOf(env.databaseUrl, 5432);
  const rd = endpointOf(env.redisUrl, 6379);
  const pgProxy = new TcpProxy(pg.host, pg.port);
  const redisProxy = new TcpProxy(rd.host, rd.port);
  let catalog: Awaited<ReturnType<typeof startTestCatalog>>;

  beforeAll(async () => {
    await pgProxy.start();
    await redisProxy.start();
    catalog = await startTestCatalog({ databaseUrl: pgProxy.urlFor(env.databaseUrl), redisUrl: redisProxy.urlFor(env.redisUrl) });
  });
  afterAll(async () => {
    await pgProxy.restore().catch(() => undefined);
    await redisProxy.restore().catch(() => undefined);
    await catalog?.service.close();
    await pgProxy.cut();
    await redisProxy.cut();
  });

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
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      status = (await api(catalog.url, '/api/products?limit=2')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
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
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      status = (await api(catalog.url, '/health/ready')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
  });
});
