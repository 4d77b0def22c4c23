import { Redis } from 'ioredis';
import type { Category, EventEnvelope, Product, SearchResult } from '@shop/contracts';
import { createEvent, EventBus, parseGroupsReply, streamKey, type EventTypeDefinition } from '@shop/messaging';
import { BuiltService, eventually, fetchJson, freePort, storeEnv, testEnv, type TestIdentity } from '@shop/testing';
import type { z } from 'zod';
import { SearchEnv, searchConfigFrom } from '../src/config.js';
import { startSearch } from '../src/search-app.js';

export { uniqueSku, uniqueWord } from './unique-names.js';

export const ADMIN: TestIdentity = { userId: '00000000-0000-4000-8000-00000000ad01', role: 'admin' };
export const CUSTOMER: TestIdentity = { userId: '00000000-0000-4000-8000-0000000c0001', role: 'customer' };

/** The built catalog as its own process, publishing its events under `prefix`. */
export function startCatalog(prefix: string): Promise<BuiltService> {
  return startBuilt('catalog', 'CATALOG_PORT', prefix);
}

/** A built app (`npx nx build @shop/<name>`) as its own process on this run's database and Redis, its events under `prefix`. */
export async function startBuilt(name: string, portVariable: string, prefix: string, env: Record<string, string> = {}): Promise<BuiltService> {
  const port = await freePort();
  const service = new BuiltService(name, port, { REDIS_PREFIX: prefix, DATABASE_URL: testEnv().databaseUrl, REDIS_URL: testEnv().redisUrl, [portVariable]: String(port), ...env });
  await service.start();
  return service;
}

/** The search service in this process (real Postgres and Redis), following the streams under `prefix`. */
export async function startTestSearch(options: { prefix: string; catalogUrl: string; pricingUrl?: string; env?: Record<string, string> }) {
  // No inventory unless a test gives one: nothing listens there, so SKUs without stock events count as in stock.
  const inventoryUrl = `http://127.0.0.1:${await freePort()}`;
  // Nor pricing: every SKU then counts at its list price (and flash sales from their events).
  const pricingUrl = options.pricingUrl ?? `http://127.0.0.1:${await freePort()}`;
  const config = searchConfigFrom(
    SearchEnv.parse({
      SEARCH_PORT: 0,
      ...storeEnv({ prefix: options.prefix }),
      CATALOG_URL: options.catalogUrl,
      INVENTORY_URL: inventoryUrl,
      PRICING_URL: pricingUrl,
      SEARCH_REINDEX_ON_START: 'false',
      ...options.env,
    }),
  );
  return startSearch(config, { handleSignals: false });
}

/** Catalog admin calls, as the gateway forwards them for an admin. */
export function catalogAdmin(catalogUrl: string) {
  const call = async <T>(method: string, path: string, json?: unknown): Promise<T> => {
    const res = await fetchJson(catalogUrl + path, { method, json, identity: ADMIN });
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${res.text}`);
    return res.body as T;
  };
  return {
    category: (body: { slug: string; name: string; parentId?: string }) => call<Category>('POST', '/api/admin/categories', body),
    create: (body: Record<string, unknown>) => call<Product>('POST', '/api/admin/products', { status: 'active', ...body }),
    update: (id: string, body: Record<string, unknown>) => call<Product>('PATCH', `/api/admin/products/${id}`, body),
    archive: (id: string) => call<Product>('POST', `/api/admin/products/${id}/archive`),
  };
}

export async function search(base: string, query: string): Promise<SearchResult> {
  const res = await fetchJson(`${base}/api/search?${query}`);
  if (res.status !== 200) throw new Error(`search ${query} answered ${res.status}: ${res.text}`);
  return res.body as SearchResult;
}

/** Publishes an event on its stream under `prefix`, as the producing service's outbox relay does; answers it for a redelivery. */
export async function publish<T extends string, P extends z.ZodType>(
  prefix: string,
  definition: EventTypeDefinition<T, P>,
  event: { aggregateId: string; version: number; payload: z.input<P> },
): Promise<EventEnvelope> {
  const envelope = createEvent(definition, { ...event, source: 'search-tests' });
  await republish(prefix, envelope);
  return envelope;
}

/** Publishes this very envelope (same eventId) again: a redelivery. */
export async function republish(prefix: string, envelope: EventEnvelope): Promise<void> {
  const redis = new Redis(testEnv().redisUrl);
  try {
    await new EventBus({ redis, prefix }).publish(envelope);
  } finally {
    redis.disconnect();
  }
}

/** Waits until the search's group on `stream` has read every entry and has nothing pending: the index holds every event so far. */
export async function indexCaughtUp(prefix: string, stream: string, group: string): Promise<void> {
  const redis = new Redis(testEnv().redisUrl);
  try {
    await eventually(async () => {
      const mine = parseGroupsReply(await redis.xinfo('GROUPS', streamKey(prefix, stream))).find((g) => g.name === group);
      if (!mine || mine.lag !== 0 || mine.pending !== 0) throw new Error(`${group} has not caught up on ${stream} yet`);
    }, 100);
  } finally {
    redis.disconnect();
  }
}
