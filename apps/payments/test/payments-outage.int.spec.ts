import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuiltServiceSet, DependencyRelays, dropLinkUnderLoad, fetchJson, gatewayIdentity, startCheckoutUpstreams, testEnv, untilServing, type BuiltService, type JsonAnswer } from '@shop/testing';

function call(url: string, init: { method?: string; json?: unknown; user?: string; headers?: Record<string, string> } = {}): Promise<JsonAnswer> {
  // Identities signed for the request, as the gateway signs them: the customer's, or an admin's on /api/admin.
  return fetchJson(url, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    json: init.json,
    headers: init.headers,
    identity: gatewayIdentity(url, init.user),
  });
}

const ADDRESS = { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };

/**
 * The built payments service (the checkout saga) as its own process, with every link going
 * through a relay: Postgres, Redis (saga jobs, the inventory registry, the refunds consumer) and
 * each upstream it calls (cart, pricing, orders, inventory — real built processes). Each link
 * drops while checkouts are taken; payments must live through it, and once the link heals a
 * new checkout is accepted and completes, without a restart.
 */
describe('payments process: each dependency and upstream link drops mid-load', () => {
  const env = testEnv();
  const relays = new DependencyRelays(env);
  const prefix = `${env.redisPrefix}pay-out:`;
  const direct = { DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, REDIS_PREFIX: prefix };
  const services = new BuiltServiceSet(direct);
  let payments: BuiltService;
  let cart: BuiltService;
  const sku = `PAY-OUT-${Date.now().toString(36).toUpperCase()}`;

  beforeAll(async () => {
    const storesEnv = await relays.startAsEnv();
    // The inventory registers under its relay's address: the saga's partition-sticky calls go through it.
    const upstreams = await startCheckoutUpstreams(services, relays);
    const { catalog, orders, inventory, pricing } = upstreams;
    cart = upstreams.cart;
    const product = await call(`${catalog.url}/api/admin/products`, {
      json: { title: `Outage Tee ${sku}`, status: 'active', variants: [{ sku, attributes: { size: 'M' }, price: { amount: 1500, currency: 'EUR' } }] },
    });
    expect(product.status).toBe(201);
    await untilServing(inventory, async () => (await call(`${inventory.url}/api/admin/inventory/${sku}`, { method: 'PUT', json: { onHand: 1_000_000 } })).status === 200);
    // Pricing learns the product from the catalog's events.
    await untilServing(pricing, async () => (await call(`${pricing.url}/api/pricing/quote`, { json: { lines: [{ sku, quantity: 1 }] } })).status === 200);
    payments = await services.start('payments', 'PAYMENTS_PORT', {
      ...storesEnv,
      CART_URL: await relays.relayUpstream('cart', cart.url),
      PRICING_URL: await relays.relayUpstream('pricing', pricing.url),
      ORDERS_URL: await relays.relayUpstream('orders', orders.url),
      INVENTORY_PARTITIONS: '8',
      INVENTORY_ROUTER_REFRESH_MS: '100',
      SIM_PROVIDER_LATENCY_MS: '5',
      SAGA_BACKOFF_MS: '100',
      SAGA_JOB_LOCK_MS: '2000',
      SAGA_SWEEP_MS: '500',
      SAGA_STALE_MS: '1500',
    });
  }, 120_000);

  afterAll(() => relays.shutDown(() => services.stopAll()));

  /** A new customer's cart (made on the cart service directly, not through a relay), checked out. */
  async function checkout(): Promise<JsonAnswer & { customer: string }> {
    const customer = randomUUID();
    const created = await call(`${cart.url}/api/carts`, { method: 'POST', user: customer });
    if (created.status !== 201) throw new Error(`cart: ${created.status}`);
    const added = await call(`${cart.url}/api/carts/${created.body.id}/items`, { json: { sku, quantity: 1 }, user: customer });
    if (added.status !== 200) throw new Error(`cart item: ${added.status}`);
    const answer = await call(`${payments.url}/api/checkout`, {
      user: customer,
      headers: { 'idempotency-key': randomUUID() },
      json: { cartId: created.body.id, shippingAddress: ADDRESS, payment: { method: 'card', token: 'tok_approve' } },
    });
    return { ...answer, customer };
  }

  for (const link of ['postgres', 'redis', 'cart', 'pricing', 'orders', 'inventory']) {
    it(`${link} link drops under load: payments lives, never answers 500, and a new checkout completes after`, async () => {
      const relay = link === 'postgres' ? relays.postgres : link === 'redis' ? relays.redis : relays.upstreams.get(link)!;
      const statuses = await dropLinkUnderLoad({
        service: payments,
        link: relay,
        request: async () => (await checkout()).status,
        served: [202],
        concurrency: 3,
        // Without Redis a checkout is still taken, after its enqueue gave up (the recovery sweep queues it later).
        answersWhileCut: link === 'redis' ? 3 : 20,
        // Readiness covers payments' own stores; an upstream's outage shows in the saga's answers.
        notReadyWhileCut: link === 'postgres' || link === 'redis',
      });
      expect(payments.alive).toBe(true);
      expect(statuses.get(500) ?? 0).toBe(0);

      const after = await checkout();
      expect(after.status).toBe(202);
      let state = '';
      await untilServing(payments, async () => {
        state = (await call(`${payments.url}/api/checkouts/${after.body.checkoutId}`, { user: after.customer })).body?.state ?? '';
        return ['completed', 'cancelled', 'rejected', 'dead'].includes(state);
      }, 30_000, 'the checkout after the outage to settle');
      expect(state).toBe('completed');
    }, 120_000);
  }
});
