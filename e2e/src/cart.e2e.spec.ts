import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { fetchJson, gatewayIdentity, testEnv, type FetchJsonInit } from '@shop/testing';
import { startCatalogAnd, type AppProcess } from './platform-processes.js';

/** Signed as the gateway signs: a customer when `user` is given, an admin on /api/admin. */
function call(url: string, init: FetchJsonInit & { user?: string } = {}) {
  const { user, ...rest } = init;
  return fetchJson(url, { ...rest, identity: gatewayIdentity(url, user || undefined) });
}

/**
 * The built catalog and cart as separate processes: a shopper fills a guest cart, a customer
 * fills theirs, and logging in merges the two. The cart reaches the catalog over HTTP, as in
 * production (the identity is signed per request, as the gateway signs a signed-in customer's).
 */
describe('cart journey against the real catalog', () => {
  let catalog: AppProcess;
  let cart: AppProcess;
  let tee: { m: string; l: string; productId: string };
  let mug: string;
  const customer = randomUUID();

  async function product(title: string, variants: Array<{ sku: string; amount: number }>, status = 'active') {
    const res = await call(`${catalog.url}/api/admin/products`, {
      method: 'POST',
      json: {
        title,
        status,
        variants: variants.map((v) => ({ sku: v.sku, attributes: { size: v.sku.slice(-1) }, price: { amount: v.amount, currency: 'EUR' } })),
      },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; slug: string };
  }

  beforeAll(async () => {
    const prefix = `${testEnv().redisPrefix}e2e-cart:`;
    // No inventory here (a closed port, never a developer's on 3002): the cart's stock check is checkout.e2e's.
    ({ catalog, app: cart } = await startCatalogAnd('cart', { REDIS_PREFIX: prefix, CART_CATALOG_TIMEOUT_MS: '1000', INVENTORY_URL: 'http://127.0.0.1:1' }, prefix));
    const tag = Date.now().toString(36).toUpperCase();
    const p = await product(`E2E Tee ${tag}`, [
      { sku: `E2E-TEE-${tag}-M`, amount: 2500 },
      { sku: `E2E-TEE-${tag}-L`, amount: 2700 },
    ]);
    tee = { m: `E2E-TEE-${tag}-M`, l: `E2E-TEE-${tag}-L`, productId: p.id };
    mug = `E2E-MUG-${tag}-S`;
    await product(`E2E Mug ${tag}`, [{ sku: mug, amount: 900 }]);
  });

  afterAll(async () => {
    await cart?.kill('SIGTERM');
    await catalog?.kill('SIGTERM');
  });

  it('fills a guest cart: add, totals, change quantity, remove', async () => {
    const created = await call(`${cart.url}/api/carts`, { method: 'POST' });
    expect(created.status).toBe(201);
    expect(created.headers.get('set-cookie')).toMatch(/^cart_id=c_[A-Za-z0-9_-]{22}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/);
    const id = created.body.id;

    const added = await call(`${cart.url}/api/carts/${id}/items`, { method: 'POST', json: { sku: tee.m, quantity: 2 } });
    expect(added.status).toBe(200);
    expect(added.body.lines[0]).toMatchObject({ sku: tee.m, productId: tee.productId, quantity: 2, status: 'available' });
    await call(`${cart.url}/api/carts/${id}/items`, { method: 'POST', json: { sku: tee.l, quantity: 1 } });
    const withMug = await call(`${cart.url}/api/carts/${id}/items`, { method: 'POST', json: { sku: mug, quantity: 3 } });
    expect(withMug.body.totals).toMatchObject({ subtotal: { amount: 2 * 2500 + 2700 + 3 * 900, currency: 'EUR' }, itemCount: 6 });

    const changed = await call(`${cart.url}/api/carts/${id}/items/${mug}`, { method: 'PATCH', json: { quantity: 1 } });
    expect(changed.body.totals).toMatchObject({ subtotal: { amount: 2 * 2500 + 2700 + 900, currency: 'EUR' }, itemCount: 4 });
    const removed = await call(`${cart.url}/api/carts/${id}/items/${tee.l}`, { method: 'DELETE' });
    expect(removed.body.lines.map((l: { sku: string }) => l.sku)).toEqual([tee.m, mug]);

    const current = await call(`${cart.url}/api/carts/current`, { headers: { cookie: `cart_id=${id}` } });
    expect(current.body).toMatchObject({ id, verified: true, totals: { subtotal: { amount: 5900 }, itemCount: 3 } });

    const unknown = await call(`${cart.url}/api/carts/${id}/items`, { method: 'POST', json: { sku: 'E2E-NO-SUCH-SKU', quantity: 1 } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('UNKNOWN_SKU');
  });

  it('sees an archived product as unavailable and refuses to add it', async () => {
    const tag = `${Date.now().toString(36).toUpperCase()}X`;
    const sku = `E2E-GONE-${tag}-M`;
    const p = await product(`E2E Gone ${tag}`, [{ sku, amount: 1000 }]);
    const { body } = await call(`${cart.url}/api/carts`, { method: 'POST' });
    await call(`${cart.url}/api/carts/${body.id}/items`, { method: 'POST', json: { sku, quantity: 1 } });
    expect((await call(`${catalog.url}/api/admin/products/${p.id}/archive`, { method: 'POST' })).status).toBe(200);
    const read = await call(`${cart.url}/api/carts/${body.id}`);
    expect(read.body.lines[0].status).toBe('unavailable');
    expect(read.body.totals.itemCount).toBe(0);
    const again = await call(`${cart.url}/api/carts/${body.id}/items`, { method: 'POST', json: { sku, quantity: 1 } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SKU_UNAVAILABLE');
  });

  it('binds a cart to its customer and merges the guest cart on login', async () => {
    const mine = await call(`${cart.url}/api/carts`, { method: 'POST', user: customer });
    expect(mine.status).toBe(201);
    await call(`${cart.url}/api/carts/${mine.body.id}/items`, { method: 'POST', json: { sku: tee.m, quantity: 1 }, user: customer });
    expect((await call(`${cart.url}/api/carts/${mine.body.id}`)).status).toBe(404);
    expect((await call(`${cart.url}/api/carts/${mine.body.id}`, { user: randomUUID() })).status).toBe(404);

    const guest = await call(`${cart.url}/api/carts`, { method: 'POST' });
    await call(`${cart.url}/api/carts/${guest.body.id}/items`, { method: 'POST', json: { sku: tee.m, quantity: 2 } });
    await call(`${cart.url}/api/carts/${guest.body.id}/items`, { method: 'POST', json: { sku: mug, quantity: 1 } });

    const merged = await call(`${cart.url}/api/carts/${guest.body.id}/merge`, { method: 'POST', user: customer });
    expect(merged.status).toBe(200);
    expect(merged.body.id).toBe(mine.body.id);
    expect(merged.body.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity])).toEqual([
      [tee.m, 3],
      [mug, 1],
    ]);
    expect(merged.body.totals).toMatchObject({ subtotal: { amount: 3 * 2500 + 900, currency: 'EUR' }, itemCount: 4 });
    expect((await call(`${cart.url}/api/carts/${guest.body.id}`)).status).toBe(404);
    const repeated = await call(`${cart.url}/api/carts/${guest.body.id}/merge`, { method: 'POST', user: customer });
    expect(repeated.body.lines).toEqual(merged.body.lines);
    expect((await call(`${cart.url}/api/carts/current`, { user: customer })).body.id).toBe(mine.body.id);
  });

  it('serves carts unverified while the catalog is down and refuses additions with 503', async () => {
    const { body } = await call(`${cart.url}/api/carts`, { method: 'POST' });
    await call(`${cart.url}/api/carts/${body.id}/items`, { method: 'POST', json: { sku: tee.m, quantity: 1 } });
    await catalog.kill('SIGKILL');
    const read = await call(`${cart.url}/api/carts/${body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ verified: false, lines: [{ sku: tee.m, status: 'unverified' }], totals: { subtotal: { amount: 2500 } } });
    const add = await call(`${cart.url}/api/carts/${body.id}/items`, { method: 'POST', json: { sku: mug, quantity: 1 } });
    expect(add.status).toBe(503);
    expect(add.body.error.code).toBe('DEPENDENCY_UNAVAILABLE');
    await catalog.start();
    const back = await call(`${cart.url}/api/carts/${body.id}/items`, { method: 'POST', json: { sku: mug, quantity: 1 } });
    expect(back.status).toBe(200);
    expect(back.body.verified).toBe(true);
  });
});
