import { Redis } from 'ioredis';
import type { Product } from '@shop/contracts';
import type { RunningService } from '@shop/service-kit';
import { fetchJson, storeEnv, testEnv, type FetchJsonInit, type TestIdentity } from '@shop/testing';
import { startCatalog } from '../src/catalog-app.js';
import { catalogConfigFrom, CatalogEnv } from '../src/config.js';

/** Boots the real catalog (real Postgres, real Redis) on a random port for a test file. */
export async function startTestCatalog(overrides: { databaseUrl?: string; redisUrl?: string; prefix?: string; env?: Record<string, string> } = {}) {
  const stores = storeEnv(overrides);
  const config = catalogConfigFrom(CatalogEnv.parse({ CATALOG_PORT: 0, ...stores, ...overrides.env }));
  const service: RunningService = await startCatalog(config, { handleSignals: false });
  return { service, url: service.url, prefix: stores.REDIS_PREFIX, config };
}

export const TEST_ADMIN: TestIdentity = { userId: '00000000-0000-4000-8000-00000000ad01', role: 'admin' };

/**
 * One request. `as` signs a user's identity for this very request, as the gateway does; by
 * default /api/admin calls are an admin's and other calls anonymous (`as: null` for none).
 */
export async function api(base: string, path: string, init: FetchJsonInit & { as?: TestIdentity | null } = {}) {
  const { as, ...rest } = init;
  const caller = as === undefined ? (path.startsWith('/api/admin/') ? TEST_ADMIN : null) : as;
  return fetchJson(base + path, { ...rest, identity: caller ?? undefined });
}

let counter = 0;
/** A unique product body; SKUs and slugs never collide across tests of one run. */
export function productBody(overrides: Record<string, unknown> = {}) {
  const n = `${Date.now().toString(36)}${(counter++).toString(36)}`.toUpperCase();
  return {
    title: `Test Tee ${n}`,
    slug: `test-tee-${n.toLowerCase()}`,
    status: 'active',
    variants: [
      { sku: `T-${n}-M`, attributes: { size: 'M' }, price: { amount: 2500, currency: 'EUR' } },
      { sku: `T-${n}-L`, attributes: { size: 'L' }, price: { amount: 2700, currency: 'EUR' } },
    ],
    ...overrides,
  };
}

export async function createProduct(base: string, overrides: Record<string, unknown> = {}): Promise<Product> {
  const res = await api(base, '/api/admin/products', { method: 'POST', json: productBody(overrides) });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Product;
}

export function redisClient(): Redis {
  return new Redis(testEnv().redisUrl);
}
