import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category, Product, Quote } from '@shop/contracts';
import { BuiltService, eventually, fetchJson, freePort, testEnv, uniquePrefix } from '@shop/testing';
import { ADMIN, api, productWith, publishProduct, startTestPricing } from './pricing-harness.js';

/**
 * Pricing against the real (built) catalog: products that exist before pricing first starts
 * (seeded, no events reach pricing) are backfilled from the catalog's listing, with their
 * categories' ancestors; a product event naming a category created later re-reads the tree.
 */
describe('pricing and the catalog', () => {
  let catalog: BuiltService;
  let pricing: Awaited<ReturnType<typeof startTestPricing>>;
  const n = Date.now().toString(36).toUpperCase();
  let clothing: Category;
  let tees: Category;
  let active: Product;
  let draft: Product;

  const asAdmin = (path: string, json: unknown) => fetchJson(catalog.url + path, { method: 'POST', json, identity: ADMIN });

  beforeAll(async () => {
    const port = await freePort();
    // The catalog publishes under a prefix of its own: pricing never sees these products' events.
    catalog = new BuiltService('catalog', port, { REDIS_PREFIX: uniquePrefix(), DATABASE_URL: testEnv().databaseUrl, REDIS_URL: testEnv().redisUrl, CATALOG_PORT: String(port) });
    await catalog.start();
    clothing = (await asAdmin('/api/admin/categories', { slug: `clothing-${n.toLowerCase()}`, name: 'Clothing' })).body as Category;
    tees = (await asAdmin('/api/admin/categories', { slug: `tees-${n.toLowerCase()}`, name: 'Tees', parentId: clothing.id })).body as Category;
    const created = await asAdmin('/api/admin/products', {
      title: 'Seeded Tee',
      status: 'active',
      categoryIds: [tees.id],
      variants: [
        { sku: `SEED-${n}-M`, price: { amount: 2000, currency: 'EUR' } },
        { sku: `SEED-${n}-L`, price: { amount: 2200, currency: 'EUR' } },
      ],
    });
    expect(created.status).toBe(201);
    active = created.body as Product;
    draft = (await asAdmin('/api/admin/products', { title: 'Unreleased', status: 'draft', variants: [{ sku: `DRAFT-${n}`, price: { amount: 100, currency: 'EUR' } }] })).body as Product;
    pricing = await startTestPricing({ env: { CATALOG_URL: catalog.url, PRICING_BACKFILL_ON_START: 'true' } });
  });
  afterAll(async () => {
    await pricing?.service.close();
    await catalog?.stop();
  });

  it('backfills the products the catalog lists, with their categories and ancestors', async () => {
    await pricing.service.backfill.done();
    const prices = await api(pricing.url, `/api/pricing/prices?skus=SEED-${n}-M,SEED-${n}-L,DRAFT-${n}`);
    expect((prices.body as { items: Array<{ sku: string; listPrice: { amount: number } }> }).items.map((i) => [i.sku, i.listPrice.amount])).toEqual([
      [`SEED-${n}-M`, 2000],
      [`SEED-${n}-L`, 2200],
    ]);
    expect(draft.status).toBe('draft');

    // A promotion on the parent category covers a product filed under its child.
    const promo = await api(pricing.url, '/api/admin/promotions', {
      method: 'POST',
      as: ADMIN,
      json: { name: 'Clothing 25%', target: { kind: 'category', categoryIds: [clothing.id] }, benefit: { kind: 'percent_off', percent: 25 } },
    });
    expect(promo.status).toBe(201);
    const quote = await api(pricing.url, '/api/pricing/quote', { method: 'POST', json: { lines: [{ sku: `SEED-${n}-M`, quantity: 1 }] } });
    expect((quote.body as Quote).lines[0]).toMatchObject({ total: { amount: 1500 }, discounts: [expect.objectContaining({ label: 'Clothing 25%', amount: 500 })] });
    await api(pricing.url, `/api/admin/promotions/${(promo.body as { id: string }).id}`, { method: 'DELETE', as: ADMIN });
  });

  it('a second backfill writes nothing (versions unchanged), and an archived product becomes unavailable', async () => {
    expect(await pricing.service.backfill.runOnce()).toMatchObject({ written: 0 });
    await publishProduct(pricing.prefix, { ...active, status: 'archived', version: active.version + 1 }, 'updated');
    await eventually(async () => {
      const res = await api(pricing.url, '/api/pricing/quote', { method: 'POST', json: { lines: [{ sku: `SEED-${n}-L`, quantity: 1 }] } });
      if (res.status !== 409) throw new Error(`still ${res.status}`);
      expect(res.body).toMatchObject({ error: { code: 'SKU_UNAVAILABLE', details: { skus: [`SEED-${n}-L`] } } });
    });
  });

  it('re-reads the category tree for a product event naming a category created after start', async () => {
    const socks = (await asAdmin('/api/admin/categories', { slug: `socks-${n.toLowerCase()}`, name: 'Socks', parentId: clothing.id })).body as Category;
    const sku = `SOCK-${n}`;
    await publishProduct(pricing.prefix, productWith([{ sku, amount: 500 }], { categoryIds: [socks.id] }));
    const promo = await api(pricing.url, '/api/admin/promotions', {
      method: 'POST',
      as: ADMIN,
      json: { name: 'Clothing 10%', target: { kind: 'category', categoryIds: [clothing.id] }, benefit: { kind: 'percent_off', percent: 10 } },
    });
    await eventually(async () => {
      const res = await api(pricing.url, '/api/pricing/quote', { method: 'POST', json: { lines: [{ sku, quantity: 2 }] } });
      if (res.status !== 200) throw new Error(`not known yet: ${res.status}`);
      expect((res.body as Quote).discountTotal.amount).toBe(100);
    });
    await api(pricing.url, `/api/admin/promotions/${(promo.body as { id: string }).id}`, { method: 'DELETE', as: ADMIN });
  });
});
