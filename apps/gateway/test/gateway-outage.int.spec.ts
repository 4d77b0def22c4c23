import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuiltServiceSet, DependencyRelays, dropLinkUnderLoad, fetchJson, gatewayIdentity, startCheckoutUpstreams, testEnv, type BuiltService, type JsonAnswer } from '@shop/testing';

function call(url: string, init: { method?: string; json?: unknown; token?: string } = {}): Promise<JsonAnswer> {
  return fetchJson(url, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    json: init.json,
    headers: init.token ? { authorization: `Bearer ${init.token}` } : {},
    // Straight to a service's admin route: an admin identity signed as the gateway would sign it.
    identity: init.token ? undefined : gatewayIdentity(url),
  });
}

/**
 * The built gateway as its own process, with every link it has going through a relay: its own
 * Postgres (accounts) and Redis (rate limits, inventory registry), and each upstream service
 * (real built processes). Each link drops under load; the gateway must live through it and
 * serve again once the link heals, without a restart.
 */
describe('gateway process: each dependency and upstream link drops mid-load', () => {
  const env = testEnv();
  const relays = new DependencyRelays(env);
  const prefix = `${env.redisPrefix}gw-out:`;
  const direct = { DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, REDIS_PREFIX: prefix };
  const services = new BuiltServiceSet(direct);
  let gateway: BuiltService;
  let token = '';
  const sku = `GW-OUT-${Date.now().toString(36).toUpperCase()}`;

  beforeAll(async () => {
    const storesEnv = await relays.startAsEnv();
    // The inventory registers under its relay's address: the gateway's partition-sticky routing goes through it.
    const { catalog, orders, inventory, inventoryUrl, pricing, cart } = await startCheckoutUpstreams(services, relays);
    const payments = await services.start('payments', 'PAYMENTS_PORT', { CART_URL: cart.url, PRICING_URL: pricing.url, ORDERS_URL: orders.url, INVENTORY_PARTITIONS: '8' });
    gateway = await services.start('gateway', 'GATEWAY_PORT', {
      ...storesEnv,
      INVENTORY_PARTITIONS: '8',
      INVENTORY_URL: inventoryUrl,
      CATALOG_URL: await relays.relayUpstream('catalog', catalog.url),
      CART_URL: await relays.relayUpstream('cart', cart.url),
      ORDERS_URL: await relays.relayUpstream('orders', orders.url),
      PAYMENTS_URL: await relays.relayUpstream('payments', payments.url),
      // Every request of the load reads the account again (Postgres on the path), and the limits stay
      // in Redis (on the path too) without refusing the test's own load.
      AUTH_USER_CACHE_MS: '0',
      RATE_LIMIT_DEFAULT: '1000000/60',
      RATE_LIMIT_AUTH: '1000/60',
      // The cart link's load creates guest carts from one address: lift their per-address limit too.
      RATE_LIMIT_GUEST_CART: '1000000/3600',
      BREAKER_HALF_OPEN_MS: '200',
    });
    const shopper = { email: `gw-out-${randomUUID()}@example.com`, password: 'correct horse battery' };
    expect((await call(`${gateway.url}/api/auth/register`, { json: shopper })).status).toBe(201);
    token = (await call(`${gateway.url}/api/auth/login`, { json: shopper })).body.accessToken;
    expect((await call(`${inventory.url}/api/admin/inventory/${sku}`, { method: 'PUT', json: { onHand: 5 } })).status).toBe(200);
  }, 120_000);

  afterAll(() => relays.shutDown(() => services.stopAll()));

  // One request per link: each goes through the gateway to the dependency behind that link.
  const requests: Record<string, { request: () => Promise<number>; served: number[] }> = {
    postgres: { request: async () => (await call(`${gateway.url}/api/me`, { token })).status, served: [200] },
    redis: { request: async () => (await call(`${gateway.url}/api/products?limit=1`)).status, served: [200] },
    catalog: { request: async () => (await call(`${gateway.url}/api/products?limit=1`)).status, served: [200] },
    cart: { request: async () => (await call(`${gateway.url}/api/carts`, { method: 'POST' })).status, served: [201] },
    orders: { request: async () => (await call(`${gateway.url}/api/orders`, { token })).status, served: [200] },
    inventory: { request: async () => (await call(`${gateway.url}/api/inventory/${sku}`)).status, served: [200] },
    payments: { request: async () => (await call(`${gateway.url}/api/checkouts/${randomUUID()}`, { token })).status, served: [404] },
  };

  for (const link of ['postgres', 'redis', 'catalog', 'cart', 'orders', 'inventory', 'payments']) {
    it(`${link} link drops under load: the gateway lives, never answers 500, and serves again after`, async () => {
      const relay = link === 'postgres' ? relays.postgres : link === 'redis' ? relays.redis : relays.upstreams.get(link)!;
      const { request, served } = requests[link]!;
      const statuses = await dropLinkUnderLoad({
        service: gateway,
        link: relay,
        request,
        served,
        // The gateway's readiness covers its own stores; an upstream's outage shows as 502/503/504 answers.
        notReadyWhileCut: link === 'postgres' || link === 'redis',
      });
      expect(gateway.alive).toBe(true);
      expect(statuses.get(500) ?? 0).toBe(0);
      // The cut was felt (refused answers), except Redis: the limiter falls back to memory.
      if (link !== 'redis') expect([...statuses.keys()].filter((s) => !served.includes(s))).not.toHaveLength(0);
    }, 120_000);
  }
});
