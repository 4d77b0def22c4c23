import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuiltServiceSet, DependencyRelays, dropLinkUnderLoad, testEnv, type BuiltService } from '@shop/testing';
import { api, createProduct, productBody } from './catalog-harness.js';

/**
 * The built catalog as its own process behind relays to Postgres and Redis: each link drops
 * while product reads and writes are in flight. The process must live through it (a crash ends
 * it and fails the test) and serve again once the link heals, without a restart.
 */
describe('catalog process: each dependency link drops mid-load', () => {
  const relays = new DependencyRelays(testEnv());
  const services = new BuiltServiceSet({ REDIS_PREFIX: `${testEnv().redisPrefix}cat-out:` });
  let catalog: BuiltService;
  let productId = '';

  beforeAll(async () => {
    catalog = await services.start('catalog', 'CATALOG_PORT', await relays.startAsEnv());
    productId = (await createProduct(catalog.url)).id;
  }, 60_000);
  afterAll(() => relays.shutDown(() => services.stopAll()));

  // Reads (the list goes to Postgres; the product by id through the Redis cache) and admin writes.
  const request = async (i: number): Promise<number> => {
    if (i % 5 === 4) return (await api(catalog.url, '/api/admin/products', { method: 'POST', json: productBody() })).status;
    if (i % 2 === 0) return (await api(catalog.url, '/api/products?limit=2')).status;
    return (await api(catalog.url, `/api/products/${productId}`)).status;
  };

  for (const link of ['postgres', 'redis'] as const) {
    it(`${link} link drops under load: the process lives, answers 503 (never 500) and serves again after`, async () => {
      const statuses = await dropLinkUnderLoad({ service: catalog, link: relays[link], request });
      expect(catalog.alive).toBe(true);
      expect([...statuses.keys()].filter((s) => s >= 500 && s !== 503)).toEqual([]);
      if (link === 'postgres') expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    }, 120_000);
  }
});
