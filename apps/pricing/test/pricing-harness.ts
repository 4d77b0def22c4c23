import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { ProductCreatedV1, ProductUpdatedV1, type Clock, type Product } from '@shop/contracts';
import { createEvent, EventBus } from '@shop/messaging';
import { createPrismaClient, type PrismaClient } from '@shop/persistence';
import { eventually, fetchJson, serviceHeaders, storeEnv, testEnv, type FetchJsonInit, type TestIdentity } from '@shop/testing';
import { PricingEnv, pricingConfigFrom } from '../src/config.js';
import { startPricing, type PricingOverrides } from '../src/pricing-app.js';

/** Boots the real pricing service (real Postgres, real Redis) on a random port for a test file. */
export async function startTestPricing(
  overrides: { prefix?: string; clock?: Clock; env?: Record<string, string> } & Omit<PricingOverrides, 'clock' | 'handleSignals'> = {},
) {
  const { prefix, clock, env, ...ports } = overrides;
  const stores = storeEnv({ prefix });
  const config = pricingConfigFrom(
    // No catalog to backfill from unless a test gives one (CATALOG_URL) and turns it on.
    PricingEnv.parse({ PRICING_PORT: 0, PRICING_BACKFILL_ON_START: 'false', ...stores, PRICING_QUOTE_SECRET: process.env['PRICING_QUOTE_SECRET'], ...env }),
  );
  const service = await startPricing(config, { handleSignals: false, clock, ...ports });
  return { service, url: service.url, prefix: stores.REDIS_PREFIX, config };
}

/**
 * One request. `as` signs a user's identity for this very request, as the gateway does; calls to
 * /internal/ carry the cart service's credential unless `service` says another (or null: none).
 */
export async function api(base: string, path: string, init: FetchJsonInit & { as?: TestIdentity; service?: string | null } = {}) {
  const { as, service, ...rest } = init;
  const serviceName = service === undefined ? (path.startsWith('/internal/') ? 'cart' : null) : service;
  return fetchJson(base + path, {
    ...rest,
    identity: as,
    headers: { ...(serviceName ? serviceHeaders(serviceName) : {}), ...(rest.headers as Record<string, string>) },
  });
}

export const ADMIN: TestIdentity = { userId: '00000000-0000-4000-8000-00000000ad01', role: 'admin' };
export const CUSTOMER: TestIdentity = { userId: '00000000-0000-4000-8000-0000000c0001', role: 'customer' };

let counter = 0;
/** A fresh SKU stem no other test of the run uses. */
export function uniqueSku(stem = 'SKU'): string {
  return `${stem}-${Date.now().toString(36)}${(counter++).toString(36)}`.toUpperCase();
}

/** A catalog product as its events carry it. */
export function productWith(variants: Array<{ sku: string; amount: number; currency?: string }>, extra: Partial<Product> = {}): Product {
  const now = new Date().toISOString();
  const id = randomUUID();
  return {
    id,
    slug: `p-${id.slice(0, 8)}`,
    title: 'Merino Tee',
    description: '',
    status: 'active',
    categoryIds: [],
    images: [{ url: 'https://img.example/tee.png', alt: '' }],
    variants: variants.map((v) => ({ id: randomUUID(), sku: v.sku, title: v.sku, attributes: {}, price: { amount: v.amount, currency: v.currency ?? 'EUR' } })),
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...extra,
  };
}

/** Publishes a catalog product event on the service's stream, as the catalog's outbox relay does. */
export async function publishProduct(prefix: string, product: Product, kind: 'created' | 'updated' = 'created'): Promise<void> {
  const redis = new Redis(testEnv().redisUrl);
  try {
    const bus = new EventBus({ redis, prefix });
    const definition = kind === 'created' ? ProductCreatedV1 : ProductUpdatedV1;
    await bus.publish(createEvent(definition, { aggregateId: product.id, version: product.version, payload: { product }, source: 'catalog' }));
  } finally {
    redis.disconnect();
  }
}

/** Publishes the product and waits until pricing prices its first SKU at its list price. */
export async function knownProduct(base: string, prefix: string, product: Product): Promise<void> {
  await publishProduct(prefix, product);
  const sku = product.variants[0]!.sku;
  await eventually(async () => {
    const res = await api(base, `/api/pricing/prices?skus=${sku}`);
    const item = (res.body as { items: Array<{ listPrice: { amount: number } }> }).items[0];
    if (item?.listPrice.amount !== product.variants[0]!.price.amount) throw new Error(`${sku} not priced yet: ${JSON.stringify(res.body)}`);
  });
}

export function prismaClient(): PrismaClient {
  return createPrismaClient({ databaseUrl: testEnv().databaseUrl, applicationName: 'pricing-tests' });
}
