import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuiltServiceSet, DependencyRelays, dropLinkUnderLoad, testEnv, type BuiltService } from '@shop/testing';
import { api, asCustomer, createOrder, orderBody } from './orders-harness.js';

/**
 * The built orders service as its own process behind relays to Postgres and Redis: each link
 * drops while orders are created and read. The process must live through it (a crash ends it and
 * fails the test) and serve again once the link heals, without a restart.
 */
describe('orders process: each dependency link drops mid-load', () => {
  const relays = new DependencyRelays(testEnv());
  const services = new BuiltServiceSet({ REDIS_PREFIX: `${testEnv().redisPrefix}ord-out:` });
  let orders: BuiltService;
  let read = { id: '', customerId: '' };

  beforeAll(async () => {
    orders = await services.start('orders', 'ORDERS_PORT', await relays.startAsEnv());
    const created = await createOrder(orders.url);
    read = { id: created.id, customerId: created.customerId! };
  }, 60_000);
  afterAll(() => relays.shutDown(() => services.stopAll()));

  const request = async (i: number): Promise<number> =>
    i % 2 === 0
      ? (await api(orders.url, '/internal/orders', { method: 'POST', json: orderBody() })).status
      : (await api(orders.url, `/api/orders/${read.id}`, { as: asCustomer(read.customerId) })).status;

  for (const link of ['postgres', 'redis'] as const) {
    it(`${link} link drops under load: the process lives, answers 503 (never 500) and serves again after`, async () => {
      const statuses = await dropLinkUnderLoad({ service: orders, link: relays[link], request });
      expect(orders.alive).toBe(true);
      expect([...statuses.keys()].filter((s) => s >= 500 && s !== 503)).toEqual([]);
      if (link === 'postgres') expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    }, 120_000);
  }
});
