import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuiltService, DependencyRelays, dropLinkUnderLoad, freePort, testEnv } from '@shop/testing';
import { api } from './cart-harness.js';

/**
 * The built cart as its own process behind relays to Redis and to a real (built) catalog: each
 * link drops while carts are created and filled. The process must live through it (a crash ends
 * it and fails the test) and serve again once the link heals, without a restart.
 */
describe('cart process: each dependency link drops mid-load', () => {
  const relays = new DependencyRelays(testEnv());
  const prefix = `${testEnv().redisPrefix}cart-out:`;
  let catalog: BuiltService;
  let cart: BuiltService;
  let sku = '';
  let cartId = '';

  beforeAll(async () => {
    const urls = await relays.start();
    const [catalogPort, cartPort] = [await freePort(), await freePort()];
    catalog = new BuiltService('catalog', catalogPort, { REDIS_PREFIX: prefix, DATABASE_URL: testEnv().databaseUrl, REDIS_URL: testEnv().redisUrl, CATALOG_PORT: String(catalogPort) });
    await catalog.start();
    sku = `CART-OUT-${Date.now().toString(36).toUpperCase()}`;
    const product = await api(catalog.url, '/api/admin/products', {
      method: 'POST',
      json: { title: `Outage Tee ${sku}`, status: 'active', variants: [{ sku, attributes: { size: 'M' }, price: { amount: 1500, currency: 'EUR' } }] },
    });
    expect(product.status).toBe(201);
    cart = new BuiltService('cart', cartPort, {
      REDIS_URL: urls.redisUrl,
      REDIS_PREFIX: prefix,
      CART_PORT: String(cartPort),
      CATALOG_URL: await relays.relayUpstream('catalog', catalog.url),
      // No pricing here (never a developer's on 3006): carts answer at list prices.
      PRICING_URL: `http://127.0.0.1:${await freePort()}`,
    });
    await cart.start();
    cartId = (await api(cart.url, '/api/carts', { method: 'POST' })).body.id;
  }, 60_000);
  afterAll(async () => {
    await relays.restore();
    await cart?.stop();
    await catalog?.stop();
    await relays.cut();
  });

  const request = async (i: number): Promise<number> =>
    i % 2 === 0
      ? (await api(cart.url, '/api/carts', { method: 'POST' })).status
      : (await api(cart.url, `/api/carts/${cartId}/items`, { method: 'POST', json: { sku, quantity: 1 + (i % 3) } })).status;

  for (const link of ['redis', 'catalog'] as const) {
    it(`${link} link drops under load: the process lives, never answers 500, and serves again after`, async () => {
      const statuses = await dropLinkUnderLoad({
        service: cart,
        link: link === 'redis' ? relays.redis : relays.upstreams.get('catalog')!,
        request,
        // The catalog is asked per request; readiness covers only the cart's own store.
        notReadyWhileCut: link === 'redis',
      });
      expect(cart.alive).toBe(true);
      expect(statuses.get(500) ?? 0).toBe(0);
      expect([...statuses.keys()].filter((s) => s >= 500 && s !== 500)).not.toHaveLength(0);
    }, 120_000);
  }
});
