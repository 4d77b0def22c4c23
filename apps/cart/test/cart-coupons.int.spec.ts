import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppliedDiscount, Cart } from '@shop/contracts';
import { BuiltService, eventually, fetchJson, freePort, serviceHeaders, testEnv, TEST_ADMIN_ID, untilServing } from '@shop/testing';
import { api, newUser, startTestCart } from './cart-harness.js';

/**
 * The cart's coupon and quoted prices against the real services: the built catalog (products and
 * their events), the built pricing service (quotes, coupons) and the cart in this process. Needs
 * `npx nx run-many -t build -p @shop/catalog @shop/pricing` first.
 */
const prefix = `${testEnv().redisPrefix}cart-coupons:`;
let catalog: BuiltService;
let pricing: BuiltService;
let cart: Awaited<ReturnType<typeof startTestCart>>;
let base: string;
const n = Date.now().toString(36).toUpperCase();
const tee = `CPN-TEE-${n}`;
const mug = `CPN-MUG-${n}`;
const codes = { pct: `PCT10${n}`, expired: `OLD${n}`, once: `ONCE${n}` };

const admin = { userId: TEST_ADMIN_ID, role: 'admin' as const };
const pricingAdmin = (path: string, init: { method: string; json?: unknown }) => fetchJson(pricing.url + path, { ...init, identity: admin });
const eur = (amount: number) => ({ amount, currency: 'EUR' });

beforeAll(async () => {
  const [catalogPort, pricingPort] = [await freePort(), await freePort()];
  const stores = { REDIS_PREFIX: prefix, DATABASE_URL: testEnv().databaseUrl, REDIS_URL: testEnv().redisUrl };
  catalog = new BuiltService('catalog', catalogPort, { ...stores, CATALOG_PORT: String(catalogPort) });
  await catalog.start();
  pricing = new BuiltService('pricing', pricingPort, { ...stores, PRICING_PORT: String(pricingPort), CATALOG_URL: catalog.url });
  await pricing.start();
  const product = await api(catalog.url, '/api/admin/products', {
    method: 'POST',
    json: {
      title: `Coupon Tee ${n}`,
      status: 'active',
      variants: [
        { sku: tee, attributes: { size: 'M' }, price: eur(2000) },
        { sku: mug, attributes: { size: 'L' }, price: eur(1000) },
      ],
    },
  });
  expect(product.status).toBe(201);
  // Pricing learns the product from the catalog's event.
  await eventually(async () => expect((await fetchJson(`${pricing.url}/api/pricing/quote`, { method: 'POST', json: { lines: [{ sku: tee, quantity: 1 }] } })).status).toBe(200), 100);
  const now = Date.now();
  for (const body of [
    { code: codes.pct, discount: { percentOff: 10 } },
    { code: codes.expired, discount: { percentOff: 50 }, startsAt: new Date(now - 7_200_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() },
    { code: codes.once, discount: { amountOff: eur(500) }, usageLimit: 1 },
  ]) {
    expect((await pricingAdmin('/api/admin/coupons', { method: 'POST', json: body })).status).toBe(201);
  }
  // Pricing refuses to create a coupon that has ended already: this one ends by a change.
  expect((await pricingAdmin(`/api/admin/coupons/${codes.expired}`, { method: 'PATCH', json: { endsAt: new Date(now - 3_600_000).toISOString() } })).status).toBe(200);
  cart = await startTestCart(catalog.url, { PRICING_URL: pricing.url, CART_PRICING_TIMEOUT_MS: 2000 });
  base = cart.url;
}, 120_000);

afterAll(async () => {
  await cart?.service.close();
  await pricing?.stop();
  await catalog?.stop();
});

const guestCartWith = async (lines: [string, number][]): Promise<string> => {
  const id = (await api(base, '/api/carts', { method: 'POST' })).body.id as string;
  for (const [sku, quantity] of lines) expect((await api(base, `/api/carts/${id}/items`, { method: 'POST', json: { sku, quantity } })).status).toBe(200);
  return id;
};
const allDiscounts = (c: Cart): AppliedDiscount[] => [...c.lines.flatMap((l) => l.discounts), ...c.cartDiscounts, ...(c.quote?.shipping.discounts ?? [])];

describe('quoted prices', () => {
  it('shows the quote: list and unit prices per line, shipping, total, and the signed quote for checkout', async () => {
    const id = await guestCartWith([[tee, 2]]);
    const read = (await api(base, `/api/carts/${id}`)).body as Cart;
    expect(read).toMatchObject({ verified: true, quoted: true, coupon: null });
    expect(read.lines[0]).toMatchObject({ sku: tee, currentUnitPrice: eur(2000), listPrice: eur(2000), unitPrice: eur(2000), priceChanged: false, discounts: [] });
    expect(read.quote).toMatchObject({ lines: [{ sku: tee, quantity: 2 }], subtotal: eur(4000), currency: 'EUR' });
    expect(read.quote!.signature.length).toBeGreaterThan(10);
    expect(read.totals).toEqual({ subtotal: eur(4000), discountTotal: read.quote!.discountTotal, shipping: read.quote!.shipping.total, total: read.quote!.total, itemCount: 2 });
    // The quote is pricing's own: it verifies.
    const verified = await fetchJson(`${pricing.url}/internal/pricing/quotes/verify`, { method: 'POST', json: { quote: read.quote }, headers: serviceHeaders('payments') });
    expect(verified.body).toEqual({ valid: true, reason: 'ok' });
  });
});

describe('the coupon on a cart', () => {
  it('applies a code (any case): the discount with its reason is in the quote and the totals', async () => {
    const id = await guestCartWith([[tee, 2]]);
    const applied = await api(base, `/api/carts/${id}/coupon`, { method: 'POST', json: { code: codes.pct.toLowerCase() } });
    expect(applied.status).toBe(200);
    const c = applied.body as Cart;
    expect(c.coupon).toEqual({ code: codes.pct, status: 'applied', reason: null, message: null });
    expect(c.quote?.couponCode).toBe(codes.pct);
    const fromCoupon = allDiscounts(c).filter((d) => d.source === 'coupon' && d.sourceId === codes.pct);
    expect(fromCoupon.length).toBeGreaterThan(0);
    expect(fromCoupon.every((d) => d.reason.length > 0)).toBe(true);
    expect(c.totals.discountTotal).toEqual(eur(400));
    expect(c.totals.total.amount).toBe(4000 - 400 + (c.totals.shipping?.amount ?? 0));
    // The code is kept: a later read shows it too.
    expect(((await api(base, `/api/carts/${id}`)).body as Cart).coupon?.status).toBe('applied');
  });

  it('refuses an unknown or expired code with 400 COUPON_INVALID naming why, and keeps the cart as it was', async () => {
    const id = await guestCartWith([[tee, 1]]);
    expect((await api(base, `/api/carts/${id}/coupon`, { method: 'POST', json: { code: codes.pct } })).status).toBe(200);
    const before = (await api(base, `/api/carts/${id}`)).body as Cart;
    for (const [code, reason] of [
      [`NOPE${n}`, 'unknown'],
      [codes.expired, 'expired'],
    ] as const) {
      const res = await api(base, `/api/carts/${id}/coupon`, { method: 'POST', json: { code } });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'COUPON_INVALID', details: { field: 'code', code, reason } });
      expect(res.body.error.message).toMatch(reason === 'unknown' ? /no coupon/ : /expired/);
    }
    const bad = await api(base, `/api/carts/${id}/coupon`, { method: 'POST', json: { code: 'x!' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('code');
    const after = (await api(base, `/api/carts/${id}`)).body as Cart;
    expect(after.coupon).toEqual(before.coupon);
    expect(after.updatedAt).toBe(before.updatedAt);
  });

  it('shows a coupon that stops applying as not applied, with the reason, instead of dropping it; DELETE takes it off', async () => {
    const id = await guestCartWith([[mug, 1]]);
    expect((await api(base, `/api/carts/${id}/coupon`, { method: 'POST', json: { code: codes.once } })).body.coupon.status).toBe('applied');
    // Another checkout takes the coupon's only use.
    const held = await fetchJson(`${pricing.url}/internal/pricing/coupons/${codes.once}/holds`, {
      method: 'POST',
      json: { checkoutId: randomUUID(), customerId: randomUUID() },
      headers: serviceHeaders('payments'),
    });
    expect(held.status).toBe(201);
    const read = (await api(base, `/api/carts/${id}`)).body as Cart;
    const message = `Coupon ${codes.once} has run out, so it is no longer taken off your total.`;
    expect(read.coupon).toEqual({ code: codes.once, status: 'not_applied', reason: 'exhausted', message });
    // The totals are the true ones without it, from one signed quote that says why.
    expect(read).toMatchObject({ quoted: true, totals: { subtotal: eur(1000), discountTotal: eur(0), total: read.quote!.total } });
    expect(read.quote).toMatchObject({ couponCode: null, subtotal: eur(1000), discountTotal: eur(0), couponRejection: { code: codes.once, reason: 'exhausted', message } });
    expect(read.lines[0]!.discounts).toEqual([]);
    const verified = await fetchJson(`${pricing.url}/internal/pricing/quotes/verify`, { method: 'POST', json: { quote: read.quote }, headers: serviceHeaders('payments') });
    expect(verified.body).toEqual({ valid: true, reason: 'ok' });

    const removed = await api(base, `/api/carts/${id}/coupon`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect(removed.body.coupon).toBeNull();
    expect((await api(base, `/api/carts/${id}/coupon`, { method: 'DELETE' })).status).toBe(200);
  });

  it("a signed-in customer's current cart: 401 without a customer, 404 without a cart, then applies; another customer cannot touch it", async () => {
    const alice = newUser();
    expect((await api(base, '/api/carts/current/coupon', { method: 'POST', json: { code: codes.pct } })).status).toBe(401);
    expect((await api(base, '/api/carts/current/coupon', { method: 'POST', json: { code: codes.pct }, user: alice })).status).toBe(404);
    const created = await api(base, '/api/carts/current/items', { method: 'POST', json: { sku: tee, quantity: 1 }, user: alice });
    expect(created.status).toBe(200);
    const applied = await api(base, '/api/carts/current/coupon', { method: 'POST', json: { code: codes.pct }, user: alice });
    expect(applied.status).toBe(200);
    expect(applied.body.coupon.status).toBe('applied');
    const cartId = applied.body.id as string;
    const mallory = newUser();
    expect((await api(base, `/api/carts/${cartId}/coupon`, { method: 'DELETE', user: mallory })).status).toBe(404);
    expect((await api(base, `/api/carts/${cartId}/coupon`, { method: 'DELETE' })).status).toBe(404);
    expect((await api(base, '/api/carts/current/coupon', { method: 'DELETE', user: alice })).body.coupon).toBeNull();
  });

  it("stays on the customer's cart: a Buy now cart is quoted without it, and the customer's cart keeps it", async () => {
    const bob = newUser();
    expect((await api(base, '/api/carts/current/items', { method: 'POST', json: { sku: tee, quantity: 1 }, user: bob })).status).toBe(200);
    const own = await api(base, '/api/carts/current/coupon', { method: 'POST', json: { code: codes.pct }, user: bob });
    expect(own.body.coupon.status).toBe('applied');

    const bought = await api(base, '/api/carts/buy-now', { method: 'POST', json: { sku: mug }, user: bob });
    expect(bought.status, bought.text).toBe(201);
    const c = bought.body as Cart;
    expect(c).toMatchObject({ quoted: true, coupon: null, cartDiscounts: [] });
    expect(c.quote).toMatchObject({ couponCode: null, lines: [{ sku: mug, quantity: 1 }], subtotal: eur(1000), discountTotal: eur(0) });
    expect(allDiscounts(c)).toEqual([]);
    // What checkout reads of it: no code to hold, whatever the customer's own cart carries.
    const contents = await fetchJson(`${base}/internal/carts/${c.id}/contents?customerId=${bob}`, { headers: serviceHeaders('payments') });
    expect(contents.body).toMatchObject({ couponCode: null, lines: [{ sku: mug, quantity: 1 }] });

    const ownAfter = (await api(base, '/api/carts/current', { user: bob })).body as Cart;
    expect(ownAfter.id).toBe(own.body.id);
    expect(ownAfter.coupon).toEqual({ code: codes.pct, status: 'applied', reason: null, message: null });
    expect(ownAfter.lines.map((l) => [l.sku, l.quantity])).toEqual([[tee, 1]]);
  });
});

describe('pricing down', () => {
  it('the cart still answers at list prices, not quoted, the coupon unverified; applying a code is 503; all recovers without a restart', async () => {
    const id = await guestCartWith([[tee, 1]]);
    expect((await api(base, `/api/carts/${id}/coupon`, { method: 'POST', json: { code: codes.pct } })).status).toBe(200);
    await pricing.stop();
    try {
      const read = await api(base, `/api/carts/${id}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ verified: true, quoted: false, quote: null, coupon: { code: codes.pct, status: 'unverified' } });
      expect(read.body.lines[0]).toMatchObject({ status: 'available', currentUnitPrice: eur(2000), listPrice: eur(2000), discounts: [] });
      expect(read.body.totals).toEqual({ subtotal: eur(2000), discountTotal: eur(0), shipping: null, total: eur(2000), itemCount: 1 });
      // Adding still works, at the list price.
      expect((await api(base, `/api/carts/${id}/items`, { method: 'POST', json: { sku: mug, quantity: 1 } })).status).toBe(200);
      const apply = await api(base, `/api/carts/${id}/coupon`, { method: 'POST', json: { code: codes.pct } });
      expect(apply.status).toBe(503);
      expect(apply.body.error.code).toBe('DEPENDENCY_UNAVAILABLE');
    } finally {
      await pricing.start();
    }
    await untilServing(pricing, async () => ((await api(base, `/api/carts/${id}`)).body as Cart).quoted);
    const back = (await api(base, `/api/carts/${id}`)).body as Cart;
    expect(back.coupon?.status).toBe('applied');
    expect(back.totals.discountTotal).toEqual(eur(300));
  });
});
