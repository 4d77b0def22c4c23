import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemClock, type Cart } from '@shop/contracts';
import { createLogger } from '@shop/observability';
import { CatalogListPrice } from '../src/adapters/catalog-list-price.js';
import { HttpVariantCatalog } from '../src/adapters/http-variant-catalog.js';
import { RedisCartStore } from '../src/adapters/redis-cart-store.js';
import { CartService } from '../src/application/cart-service.js';
import { api, newUser, redisClient, StandInCatalog, startTestCart } from './cart-harness.js';

const catalog = new StandInCatalog();
let cart: Awaited<ReturnType<typeof startTestCart>>;
let base: string;
const redis = redisClient();

beforeAll(async () => {
  const catalogUrl = await catalog.start();
  cart = await startTestCart(catalogUrl, { CART_MAX_QUANTITY: 50, CART_TTL_SECONDS: 3600 });
  base = cart.url;
});
afterAll(async () => {
  await cart?.service.close();
  await catalog.stop();
  redis.disconnect();
});

describe("a signed-in customer's current cart", () => {
  it('is created on the first add, bound to the customer, and changed in one call each', async () => {
    const [a, b] = catalog.addProduct([1500, 2500]);
    const alice = newUser();

    const added = await api(base, '/api/carts/current/items', { method: 'POST', json: { sku: a, quantity: 2 }, user: alice });
    expect(added.status).toBe(200);
    const created = added.body as Cart;
    expect(created.customerId).toBe(alice);
    expect(created.lines.map((l) => [l.sku, l.quantity])).toEqual([[a, 2]]);
    expect(added.headers.get('set-cookie')).toContain(`cart_id=${created.id}`);
    expect(await redis.get(`${cart.prefix}cart:customer:{${alice}}`)).toBe(created.id);

    const more = await api(base, '/api/carts/current/items', { method: 'POST', json: { sku: b }, user: alice });
    expect(more.body.id).toBe(created.id);
    expect(more.body.totals).toEqual({ subtotal: { amount: 2 * 1500 + 2500, currency: 'EUR' }, itemCount: 3 });

    const changed = await api(base, `/api/carts/current/items/${a}`, { method: 'PATCH', json: { quantity: 5 }, user: alice });
    expect(changed.status).toBe(200);
    expect(changed.body.lines.find((l: { sku: string }) => l.sku === a).quantity).toBe(5);

    const removed = await api(base, `/api/carts/current/items/${b}`, { method: 'DELETE', user: alice });
    expect(removed.status).toBe(200);
    expect(removed.body.lines.map((l: { sku: string }) => l.sku)).toEqual([a]);

    // The same cart the customer reaches by id and as their current cart.
    expect((await api(base, `/api/carts/${created.id}`, { user: alice })).body.lines).toEqual(removed.body.lines);
    expect((await api(base, '/api/carts/current', { user: alice })).body.id).toBe(created.id);
  });

  it("adds to the customer's existing cart rather than creating a second one", async () => {
    const [sku] = catalog.addProduct([900]);
    const bob = newUser();
    const existing = await api(base, '/api/carts', { method: 'POST', user: bob });
    expect(existing.status).toBe(201);
    const added = await api(base, '/api/carts/current/items', { method: 'POST', json: { sku }, user: bob });
    expect(added.body.id).toBe(existing.body.id);
  });

  it('is never another customer\'s cart: each customer changes only their own', async () => {
    const [sku] = catalog.addProduct([700]);
    const alice = newUser();
    const mallory = newUser();
    const hers = (await api(base, '/api/carts/current/items', { method: 'POST', json: { sku, quantity: 3 }, user: alice })).body as Cart;

    // Mallory has no cart: changing "current" does not find Alice's.
    expect((await api(base, `/api/carts/current/items/${sku}`, { method: 'PATCH', json: { quantity: 1 }, user: mallory })).status).toBe(404);
    expect((await api(base, `/api/carts/current/items/${sku}`, { method: 'DELETE', user: mallory })).status).toBe(404);
    // Her add makes her own cart, and Alice's cookie does not redirect it.
    const theirs = await api(base, '/api/carts/current/items', {
      method: 'POST',
      json: { sku },
      user: mallory,
      headers: { cookie: `cart_id=${hers.id}` },
    });
    expect(theirs.body.id).not.toBe(hers.id);
    expect(theirs.body.customerId).toBe(mallory);
    const aliceNow = await api(base, `/api/carts/${hers.id}`, { user: alice });
    expect(aliceNow.body.lines.map((l: { quantity: number }) => l.quantity)).toEqual([3]);
  });

  it('needs a signed-in customer (401), validates like the by-id routes, and answers 404 for a missing line', async () => {
    const [sku] = catalog.addProduct([500]);
    const anonymousAdd = await api(base, '/api/carts/current/items', { method: 'POST', json: { sku } });
    expect(anonymousAdd.status).toBe(401);
    expect(anonymousAdd.body.error.code).toBe('UNAUTHORIZED');
    expect((await api(base, `/api/carts/current/items/${sku}`, { method: 'PATCH', json: { quantity: 1 } })).status).toBe(401);
    expect((await api(base, `/api/carts/current/items/${sku}`, { method: 'DELETE' })).status).toBe(401);

    const carol = newUser();
    const bad = await api(base, '/api/carts/current/items', { method: 'POST', json: { sku: '', quantity: 0 }, user: carol });
    expect(bad.status).toBe(400);
    expect((await api(base, '/api/carts/current/items', { method: 'POST', json: { sku }, user: carol })).status).toBe(200);
    const missing = await api(base, '/api/carts/current/items/NOT-THERE', { method: 'PATCH', json: { quantity: 1 }, user: carol });
    expect(missing.status).toBe(404);
  });
});

describe('round trips to Redis', () => {
  it('reads the cart once per uncontended add, quantity change and removal', async () => {
    const store = new RedisCartStore(redis, `${cart.prefix}reads:`, 3600);
    const variants = new HttpVariantCatalog(cart.config.catalog);
    const carts = new CartService(store, variants, new CatalogListPrice(), systemClock, cart.config.cart, createLogger({ service: 'cart-test' }));
    try {
      const [a, b] = catalog.addProduct([1000, 2000]);
      const { cart: created } = await carts.create(null);
      const loads = vi.spyOn(store, 'load');

      await carts.addItem(created.id, null, { sku: a, quantity: 1 });
      expect(loads).toHaveBeenCalledTimes(1);
      await carts.addItem(created.id, null, { sku: b, quantity: 1 });
      expect(loads).toHaveBeenCalledTimes(2);
      await carts.changeQuantity(created.id, null, a, 4);
      expect(loads).toHaveBeenCalledTimes(3);
      const after = await carts.removeItem(created.id, null, b);
      expect(loads).toHaveBeenCalledTimes(4);
      expect(after.lines.map((l) => [l.sku, l.quantity])).toEqual([[a, 4]]);
    } finally {
      await variants.close();
    }
  });
});
