import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import type { Clock, CreateOrderBody, Order } from '@shop/contracts';
import { createPrismaClient, type PrismaClient } from '@shop/persistence';
import type { RunningService } from '@shop/service-kit';
import { fetchJson, serviceHeaders, storeEnv, testEnv, type FetchJsonInit, type TestIdentity } from '@shop/testing';
import { OrdersEnv, ordersConfigFrom } from '../src/config.js';
import { startOrders } from '../src/orders-app.js';

/** Boots the real orders service (real Postgres, real Redis) on a random port for a test file. */
export async function startTestOrders(
  overrides: { databaseUrl?: string; redisUrl?: string; prefix?: string; clock?: Clock; env?: Record<string, string> } = {},
) {
  const stores = storeEnv(overrides);
  const config = ordersConfigFrom(OrdersEnv.parse({ ORDERS_PORT: 0, ...stores, ...overrides.env }));
  const service: RunningService = await startOrders(config, { handleSignals: false, clock: overrides.clock });
  return { service, url: service.url, prefix: stores.REDIS_PREFIX, config };
}

export type TestOrders = Awaited<ReturnType<typeof startTestOrders>> & { prisma: PrismaClient };

/**
 * The test file's orders service: started before its tests and stopped after them, with a Prisma
 * client on the same database. Its fields are set once `beforeAll` has run.
 */
export function useTestOrders(options: Parameters<typeof startTestOrders>[0] = {}): TestOrders {
  const handle = { prisma: prismaClient() } as TestOrders;
  beforeAll(async () => {
    Object.assign(handle, await startTestOrders(options));
  });
  afterAll(async () => {
    await handle.service?.close();
    await handle.prisma.$disconnect();
  });
  return handle;
}

/**
 * One request. `as` signs a user's identity for this very request, as the gateway does; calls to
 * /internal/ carry the payments service's credential (as the saga's do) unless `service: null`.
 */
export async function api(base: string, path: string, init: FetchJsonInit & { as?: TestIdentity; service?: string | null } = {}) {
  const { as, service, ...rest } = init;
  const serviceName = service === undefined ? (path.startsWith('/internal/') ? 'payments' : null) : service;
  return fetchJson(base + path, {
    ...rest,
    identity: as,
    headers: { ...(serviceName ? serviceHeaders(serviceName) : {}), ...(rest.headers as Record<string, string>) },
  });
}

/** Who a request is from; `api` signs it for that request, as the gateway does. */
export const asCustomer = (userId: string): TestIdentity => ({ userId, role: 'customer' });
export const asAdmin = (userId: string = ADMIN_ID): TestIdentity => ({ userId, role: 'admin' });
export const ADMIN_ID = '00000000-0000-4000-8000-00000000ad01';

let counter = 0;
/** A valid create body for a fresh checkout; SKUs never collide across tests of one run. */
export function orderBody(overrides: Partial<CreateOrderBody> & Record<string, unknown> = {}): CreateOrderBody {
  const n = `${Date.now().toString(36)}${(counter++).toString(36)}`.toUpperCase();
  return {
    checkoutId: randomUUID(),
    customerId: randomUUID(),
    email: 'ada@example.com',
    currency: 'EUR',
    lines: [
      { sku: `TEE-${n}-M`, name: 'Merino Tee M', unitPrice: 2500, quantity: 2 },
      { sku: `CAP-${n}`, name: 'Cap', unitPrice: 999, quantity: 1 },
    ],
    shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
    ...overrides,
  } as CreateOrderBody;
}

export async function createOrder(base: string, overrides: Partial<CreateOrderBody> = {}): Promise<Order> {
  const res = await api(base, '/internal/orders', { method: 'POST', json: orderBody(overrides) });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Order;
}

export async function transition(base: string, id: string, body: Record<string, unknown>) {
  return api(base, `/internal/orders/${id}/transitions`, { method: 'POST', json: { actor: 'checkout-saga', ...body } });
}

/** Moves a new order along the saga's path to `status` (AWAITING_PAYMENT or CONFIRMED). */
export async function orderIn(base: string, status: 'PENDING' | 'AWAITING_PAYMENT' | 'CONFIRMED', overrides: Partial<CreateOrderBody> = {}) {
  let order = await createOrder(base, overrides);
  for (const to of ['AWAITING_PAYMENT', 'CONFIRMED'] as const) {
    if (order.status === status) break;
    const res = await transition(base, order.id, { to });
    if (res.status !== 200) throw new Error(`transition failed: ${res.status} ${JSON.stringify(res.body)}`);
    order = res.body as Order;
  }
  return order;
}

export function redisClient(): Redis {
  return new Redis(testEnv().redisUrl);
}

export function prismaClient(): PrismaClient {
  return createPrismaClient({ databaseUrl: testEnv().databaseUrl, applicationName: 'orders-tests' });
}
