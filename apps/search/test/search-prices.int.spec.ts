import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category, PriceList, Product, ScheduledPrice, SearchResult, SkuPrices } from '@shop/contracts';
import { eventually, fetchJson, testEnv, type BuiltService } from '@shop/testing';
import { ADMIN, catalogAdmin, search, startBuilt, startCatalog, startTestSearch, uniqueSku, uniqueWord } from './search-harness.js';

/**
 * Sorting and filtering by price use the price a product card shows a shopper not signed in:
 * pricing's price now (a general price list's, a scheduled price, else the list price), against
 * the real (built) catalog and pricing, Postgres and Redis. Pricing announces a changed price
 * (`pricing.price.changed.v1`) and search reads it again; a window opening or closing needs no
 * event: search reads the price again at the instant pricing said it would change.
 */
describe('search sorts and filters by the price a card shows', () => {
  const prefix = `${testEnv().redisPrefix}srch-price:`;
  let catalog: BuiltService;
  let pricing: BuiltService;
  let service: Awaited<ReturnType<typeof startTestSearch>>;
  let jackets: Category;
  let waxed: Product;
  let field: Product;
  const word = uniqueWord();
  const waxedSku = uniqueSku('WAX');
  const fieldSku = uniqueSku('FLD');
  const lists: string[] = [];

  const pricingAdmin = async <T>(method: string, path: string, json?: unknown): Promise<T> => {
    const res = await fetchJson(pricing.url + path, { method, json, identity: ADMIN });
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${res.text}`);
    return res.body as T;
  };
  const byPrice = (extra = '') => search(service.url, `category=${jackets.slug}&sort=price_asc${extra}`);
  const ids = (result: SearchResult) => result.items.map((i) => i.id);
  const eur = (amount: number) => ({ amount, currency: 'EUR' });

  beforeAll(async () => {
    catalog = await startCatalog(prefix);
    pricing = await startBuilt('pricing', 'PRICING_PORT', prefix, { CATALOG_URL: catalog.url, PRICING_BACKFILL_ON_START: 'false' });
    service = await startTestSearch({ prefix, catalogUrl: catalog.url, pricingUrl: pricing.url });
    const admin = catalogAdmin(catalog.url);
    jackets = await admin.category({ slug: `jackets-${word}`, name: 'Jackets' });
    // 40.00 and 30.00 at their list prices.
    waxed = await admin.create({ title: `Waxed ${word} Jacket`, categoryIds: [jackets.id], variants: [{ sku: waxedSku, price: eur(4000) }] });
    field = await admin.create({ title: `Field ${word} Jacket`, categoryIds: [jackets.id], variants: [{ sku: fieldSku, price: eur(3000) }] });
    // Pricing learns both from the catalog's events; search finds both.
    await eventually(async () => {
      const res = await fetchJson(`${pricing.url}/api/pricing/prices?skus=${waxedSku},${fieldSku}`);
      expect((res.body as SkuPrices).items).toHaveLength(2);
    }, 100);
    await eventually(async () => expect(ids(await byPrice())).toEqual([field.id, waxed.id]), 100);
  }, 120_000);

  afterAll(async () => {
    for (const id of lists) await pricingAdmin('DELETE', `/api/admin/price-lists/${id}`).catch(() => undefined);
    await service?.close();
    await pricing?.stop();
    await catalog?.stop();
  });

  it('a price list that sells the 40.00 jacket at 20.00 puts it first from low to high, shown at 20.00 with 40.00 struck through', async () => {
    const list = await pricingAdmin<PriceList>('POST', '/api/admin/price-lists', { name: `Jackets ${word}`, currency: 'EUR' });
    lists.push(list.id);
    await pricingAdmin('PUT', `/api/admin/price-lists/${list.id}/entries`, { entries: [{ sku: waxedSku, amount: 2000 }] });

    await eventually(async () => expect(ids(await byPrice())).toEqual([waxed.id, field.id]));
    const [first] = (await byPrice()).items;
    expect(first).toMatchObject({ id: waxed.id, price: eur(4000), salePrice: eur(2000) });
    expect(ids(await search(service.url, `category=${jackets.slug}&sort=price_desc`))).toEqual([field.id, waxed.id]);
    // The price filter and the price facet take the same price.
    expect(ids(await byPrice('&maxPrice=2500'))).toEqual([waxed.id]);
    expect((await byPrice()).facets.price).toEqual([
      { from: 0, to: 2500, count: 1 },
      { from: 2500, to: 5000, count: 1 },
    ]);

    // The entry removed: back to its list price and after the 30.00 one.
    await pricingAdmin('DELETE', `/api/admin/price-lists/${list.id}/entries/${waxedSku}`);
    await eventually(async () => expect(ids(await byPrice())).toEqual([field.id, waxed.id]));
    expect((await byPrice()).items[1]).not.toHaveProperty('salePrice');
    expect(ids(await byPrice('&maxPrice=2500'))).toEqual([]);
  });

  it('a scheduled price moves the product when its window opens and back when it closes, with no event at either edge', async () => {
    const startsAt = new Date(Math.ceil((Date.now() + 3_000) / 1000) * 1000);
    const endsAt = new Date(startsAt.getTime() + 4_000);
    await pricingAdmin<ScheduledPrice>('POST', '/api/admin/scheduled-prices', {
      sku: waxedSku,
      price: eur(1500),
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
    });
    // Before the window: the list price still sorts it.
    expect(Date.now()).toBeLessThan(startsAt.getTime());
    expect(ids(await byPrice())).toEqual([field.id, waxed.id]);

    await eventually(async () => expect(ids(await byPrice())).toEqual([waxed.id, field.id]), 100);
    expect(Date.now()).toBeGreaterThanOrEqual(startsAt.getTime());
    expect((await byPrice()).items[0]).toMatchObject({ id: waxed.id, salePrice: eur(1500) });

    await eventually(async () => expect(ids(await byPrice())).toEqual([field.id, waxed.id]), 100);
    expect(Date.now()).toBeGreaterThanOrEqual(endsAt.getTime());
    expect((await byPrice()).items[1]).not.toHaveProperty('salePrice');
  }, 30_000);
});
