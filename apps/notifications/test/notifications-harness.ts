import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { EventEnvelope, Order, Product } from '@shop/contracts';
import { createEvent, EventBus, parseGroupsReply, streamKey, type EventTypeDefinition, type GroupInfo } from '@shop/messaging';
import { BuiltService, fetchJson, freePort, storeEnv, testEnv, uniquePrefix, type JsonAnswer, type TestIdentity } from '@shop/testing';
import type { z } from 'zod';
import type { FlashSaleDirectory } from '../src/adapters/flash-sales-client.js';
import { NotificationsEnv, notificationsConfigFrom } from '../src/config.js';
import { startNotifications } from '../src/notifications-app.js';

export const ADMIN: TestIdentity = { userId: '00000000-0000-4000-8000-00000000ad01', role: 'admin' };

/**
 * The built gateway as its own process on the run's database: the real accounts (and their
 * disabled flag) the notifications service asks about. Its admin is `admin`.
 */
export async function startTestGateway(prefix: string, env: Record<string, string> = {}): Promise<{ gateway: BuiltService; admin: { email: string; password: string } }> {
  const port = await freePort();
  const admin = { email: `admin-${randomUUID().slice(0, 8)}@example.com`, password: 'admin-test-password' };
  const gateway = new BuiltService('gateway', port, {
    ...storeEnv({ prefix }),
    GATEWAY_PORT: String(port),
    GATEWAY_METRICS_PORT: '0',
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    RATE_LIMIT_DEFAULT: '100000/60',
    RATE_LIMIT_AUTH: '100000/60',
    ...env,
  });
  await gateway.start();
  return { gateway, admin };
}

/** A product the test put in the real catalog: what a back-in-stock mail must name. */
export interface TestProduct {
  id: string;
  slug: string;
  title: string;
  /** One per size, in the order given. */
  skus: string[];
}

export interface TestProducts {
  url: string;
  /** A new product (a unique title, slug and SKUs) with one variant per size. */
  product(spec: { title: string; sizes: string[]; status?: 'active' | 'draft' }): Promise<TestProduct>;
  /** A draft goes on sale. */
  publish(id: string): Promise<void>;
  /** A product goes on sale, off sale (draft) or is retired (archived), as a merchant does it. */
  setStatus(id: string, status: 'active' | 'draft' | 'archived'): Promise<void>;
  stop(): Promise<void>;
}

let productCounter = 0;

/** The built catalog as its own process on the run's database; its events go under a prefix nobody follows. */
export async function startTestCatalog(): Promise<TestProducts> {
  const port = await freePort();
  const catalog = new BuiltService('catalog', port, { ...storeEnv({ prefix: uniquePrefix() }), CATALOG_PORT: String(port) });
  await catalog.start();
  const setStatus = async (id: string, status: 'active' | 'draft' | 'archived') => {
    const res = await fetchJson(`${catalog.url}/api/admin/products/${id}`, { method: 'PATCH', identity: ADMIN, json: { status } });
    if (res.status !== 200) throw new Error(`the catalog did not make ${id} ${status}: ${res.status} ${res.text}`);
  };
  return {
    url: catalog.url,
    async product({ title, sizes, status = 'active' }) {
      const n = `${Date.now().toString(36)}${(productCounter++).toString(36)}`.toUpperCase();
      const created = await fetchJson(`${catalog.url}/api/admin/products`, {
        method: 'POST',
        identity: ADMIN,
        json: {
          title: `${title} ${n}`,
          status,
          variants: sizes.map((size, i) => ({ sku: `NT-${n}-${i}`, attributes: { size }, price: { amount: 2500, currency: 'EUR' } })),
        },
      });
      if (created.status !== 201) throw new Error(`the catalog refused the product: ${created.status} ${created.text}`);
      const product = created.body as Product;
      return { id: product.id, slug: product.slug, title: product.title, skus: product.variants.map((v) => v.sku) };
    },
    publish: (id) => setStatus(id, 'active'),
    setStatus,
    stop: () => catalog.stop(),
  };
}

/** Flash sales pricing "knows" (pricing's own read is covered by its tests and the e2e journey). */
export class KnownSales implements FlashSaleDirectory {
  readonly ids = new Set<string>();
  exists(id: string): Promise<boolean> {
    return Promise.resolve(this.ids.has(id));
  }
}

/** The notifications service in this process, following the streams under `prefix`. */
export async function startTestNotifications(options: { prefix: string; gatewayUrl: string; catalogUrl?: string; smtpUrl?: string; env?: Record<string, string>; sales?: FlashSaleDirectory }) {
  const config = notificationsConfigFrom(
    NotificationsEnv.parse({
      NOTIFICATIONS_PORT: 0,
      ...storeEnv({ prefix: options.prefix }),
      GATEWAY_URL: options.gatewayUrl,
      // No catalog unless given: a closed port, never a developer's catalog on 3001.
      CATALOG_URL: options.catalogUrl ?? 'http://127.0.0.1:9',
      PUBLIC_API_URL: 'http://shop.test',
      STOREFRONT_URL: 'http://shop.test',
      SHOP_NAME: 'Test Shop',
      ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
      NOTIFICATIONS_MAX_ATTEMPTS: '8',
      NOTIFICATIONS_BACKOFF_MS: '200',
      // Services of one test run share the database: a sweep would queue another's rows.
      NOTIFICATIONS_SWEEP_MS: '3600000',
      ...options.env,
    }),
  );
  return startNotifications(config, { handleSignals: false, ...(options.sales ? { flashSales: options.sales } : {}) });
}

/** Publishes events on their streams under a prefix, as the producing services' outbox relays do. */
export class TestPublisher {
  private readonly redis = new Redis(testEnv().redisUrl);
  private readonly bus: EventBus;

  constructor(private readonly prefix: string) {
    this.bus = new EventBus({ redis: this.redis, prefix });
  }

  async publish<T extends string, P extends z.ZodType>(definition: EventTypeDefinition<T, P>, payload: z.input<P>): Promise<EventEnvelope> {
    const envelope = createEvent(definition, { aggregateId: randomUUID(), version: 1, payload, source: 'notifications-tests' });
    await this.bus.publish(envelope);
    return envelope;
  }

  /** The very same envelope (same eventId) again: a redelivery. */
  async again(envelope: EventEnvelope): Promise<void> {
    await this.bus.publish(envelope);
  }

  /** How far a consumer group is on `stream`: entries not delivered yet (lag), and delivered but not acknowledged (a handler threw). */
  async group(stream: string, group: string): Promise<GroupInfo | undefined> {
    return parseGroupsReply(await this.redis.xinfo('GROUPS', streamKey(this.prefix, stream))).find((g) => g.name === group);
  }

  close(): void {
    this.redis.disconnect();
  }
}

let sequence = 100;

/** An order as the orders service puts it in its events. */
export function sampleOrder(over: Partial<Order> = {}): Order {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    number: `SO-${String(sequence++).padStart(6, '0')}`,
    customerId: randomUUID(),
    email: null,
    status: 'CONFIRMED',
    currency: 'EUR',
    lines: [
      { sku: 'TEE-M', name: 'Launch Tee', unitPrice: 2500, quantity: 2, lineTotal: 5000 },
      { sku: 'MUG-1', name: 'Mug', unitPrice: 999, quantity: 1, lineTotal: 999 },
    ],
    subtotal: 5999,
    discounts: [],
    discountTotal: 0,
    shipping: 490,
    total: 6489,
    shippingAddress: { name: 'Ada Lovelace', line1: '1 Main St', city: 'London', postalCode: 'N1 1AA', country: 'GB' },
    cancelReason: null,
    checkoutId: randomUUID(),
    history: [],
    version: 3,
    createdAt: now,
    updatedAt: now,
    ...over,
  } as Order;
}

export function adminGet(base: string, path: string): Promise<JsonAnswer> {
  return fetchJson(base + path, { identity: ADMIN });
}
