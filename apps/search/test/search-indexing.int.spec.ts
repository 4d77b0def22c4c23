import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FlashSaleEndedV1,
  FlashSaleStartedV1,
  ProductUpdatedV1,
  StockChangedV1,
  StockSoldOutV1,
  type Category,
  type Product,
  type SearchHit,
} from '@shop/contracts';
import { eventually, fetchJson, testEnv, type BuiltService } from '@shop/testing';
import { catalogAdmin, publish, republish, search, startCatalog, startTestSearch, uniqueSku, uniqueWord } from './search-harness.js';

/**
 * The search service against the real (built) catalog, Postgres and Redis: catalog edits, stock
 * and flash-sale events reach the index through the streams; redeliveries change nothing.
 */
describe('search follows the catalog, pricing and inventory', () => {
  const prefix = `${testEnv().redisPrefix}srch-idx:`;
  let catalog: BuiltService;
  let service: Awaited<ReturnType<typeof startTestSearch>>;
  let admin: ReturnType<typeof catalogAdmin>;
  let clothing: Category;
  let tees: Category;
  const word = uniqueWord();
  const sku = uniqueSku('TEE');
  let tee: Product;

  beforeAll(async () => {
    catalog = await startCatalog(prefix);
    service = await startTestSearch({ prefix, catalogUrl: catalog.url });
    admin = catalogAdmin(catalog.url);
    clothing = await admin.category({ slug: `clothing-${word}`, name: 'Clothing' });
    tees = await admin.category({ slug: `tees-${word}`, name: 'Tees', parentId: clothing.id });
    tee = await admin.create({
      title: `Organic Cotton ${word} Tee`,
      description: 'Soft and light',
      categoryIds: [tees.id],
      images: [{ url: 'https://img.example/tee.png', alt: '' }],
      variants: [
        { sku: `${sku}-M`, title: 'Navy / M', attributes: { size: 'M', Color: 'Navy' }, price: { amount: 2500, currency: 'EUR' } },
        { sku: `${sku}-L`, title: 'Navy / L', attributes: { size: 'L', Color: 'Navy' }, price: { amount: 2900, currency: 'EUR' } },
      ],
    });
  });
  afterAll(async () => {
    await service?.close();
    await catalog?.stop();
  });

  const hitFor = async (q: string, extra = ''): Promise<SearchHit | undefined> => (await search(service.url, `q=${encodeURIComponent(q)}${extra}`)).items.find((i) => i.id === tee.id);
  const hit = (q: string, extra = '') =>
    eventually(async () => {
      const found = await hitFor(q, extra);
      if (!found) throw new Error(`${q} does not find the tee yet`);
      return found;
    });

  it('a product created through the catalog is found, with its lowest price, image, stock and categories', async () => {
    const found = await hit(word);
    expect(found).toMatchObject({ slug: tee.slug, price: { amount: 2500, currency: 'EUR' }, inStock: true, image: 'https://img.example/tee.png' });
    // Its SKUs, for the storefront to ask pricing for each shopper's price now.
    expect([...found.skus].sort()).toEqual([`${sku}-L`, `${sku}-M`]);
    expect(found.salePrice).toBeUndefined();
    const filtered = await search(service.url, `q=${word}&category=${clothing.slug}&colour=Navy&size=L`);
    expect(filtered.items.map((i) => i.id)).toEqual([tee.id]);
  });

  it('an unknown category slug finds nothing (not an error)', async () => {
    const res = await fetchJson(`${service.url}/api/search?q=${word}&category=no-such-${word}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ items: [], total: 0, nextCursor: null });
  });

  it('an edit changes the result', async () => {
    const renamed = uniqueWord();
    tee = await admin.update(tee.id, { title: `Organic Cotton ${renamed} Tee` });
    await hit(renamed);
    expect(await hitFor(word)).toBeUndefined();
    await admin.update(tee.id, { title: `Organic Cotton ${word} Tee` }).then((p) => (tee = p));
    await hit(word);
  });

  it('a stock sell-out marks it out of stock (and out of inStock=true); stock coming back restores it', async () => {
    const levels = { onHand: 3, reserved: 0, committed: 3, available: 0 };
    await publish(prefix, StockSoldOutV1, { aggregateId: `${sku}-M`, version: 10, payload: { sku: `${sku}-M`, ...levels } });
    await publish(prefix, StockSoldOutV1, { aggregateId: `${sku}-L`, version: 10, payload: { sku: `${sku}-L`, ...levels } });
    await eventually(async () => expect((await hitFor(word))?.inStock).toBe(false));
    expect(await hitFor(word, '&inStock=true')).toBeUndefined();
    expect((await hitFor(word, '&inStock=false'))?.id).toBe(tee.id);

    await publish(prefix, StockChangedV1, {
      aggregateId: `${sku}-L`,
      version: 11,
      payload: { sku: `${sku}-L`, onHand: 5, reserved: 0, committed: 3, available: 2, delta: 2, kind: 'adjust', reason: 'restock' },
    });
    await eventually(async () => expect((await hitFor(word, '&inStock=true'))?.inStock).toBe(true));
  });

  it('a flash sale shows its price while it runs; ended clears it', async () => {
    const sale = {
      flashSaleId: randomUUID(),
      sku: `${sku}-M`,
      salePrice: { amount: 1500, currency: 'EUR' },
      units: 10,
      perCustomerLimit: 1,
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    };
    const started = await publish(prefix, FlashSaleStartedV1, { aggregateId: sale.flashSaleId, version: 1, payload: sale });
    await eventually(async () => expect((await hitFor(word))?.salePrice).toEqual({ amount: 1500, currency: 'EUR' }));
    await publish(prefix, FlashSaleEndedV1, { aggregateId: sale.flashSaleId, version: 2, payload: sale });
    await eventually(async () => expect((await hitFor(word))?.salePrice).toBeUndefined());

    // The started event delivered again after the end: the sale stays over.
    await republish(prefix, started);
    await processedUpTo(FlashSaleStartedV1);
    expect((await hitFor(word))?.salePrice).toBeUndefined();
  });

  it('redelivered and older events change nothing', async () => {
    // The sell-out of version 10 again, after the restock of version 11: the tee stays in stock.
    const levels = { onHand: 3, reserved: 0, committed: 3, available: 0 };
    await publish(prefix, StockSoldOutV1, { aggregateId: `${sku}-L`, version: 10, payload: { sku: `${sku}-L`, ...levels } });
    // An update of an older product version: the title stays.
    const older = { ...tee, title: `Stale ${uniqueWord()}`, version: tee.version - 1 };
    await publish(prefix, ProductUpdatedV1, { aggregateId: tee.id, version: older.version, payload: { product: older } });
    await processedUpTo(StockSoldOutV1);
    await processedUpTo(FlashSaleStartedV1);
    const found = await hitFor(word);
    expect(found).toMatchObject({ title: `Organic Cotton ${word} Tee`, inStock: true });
    expect(await hitFor(older.title.split(' ')[1]!)).toBeUndefined();
  });

  it('reports the index lag per stream on /metrics', async () => {
    const metrics = await fetchJson(`${service.metricsUrl}/metrics`);
    for (const stream of ['events.catalog', 'events.pricing', 'events.inventory']) {
      const count = new RegExp(`^search_index_lag_seconds_count\\{[^}]*stream="${stream.replace('.', '\\.')}"[^}]*\\} (\\d+)`, 'm').exec(metrics.text);
      expect(Number(count?.[1] ?? 0), stream).toBeGreaterThan(0);
    }
  });

  it('archiving removes it', async () => {
    await admin.archive(tee.id);
    await eventually(async () => expect(await hitFor(word)).toBeUndefined());
  });

  /**
   * Waits until the events published so far on the definition's stream were handled: a marker
   * product (a sale or sell-out of a SKU of its own, or a catalog product) becomes visible only
   * after everything before it on that stream.
   */
  async function processedUpTo(definition: { stream: string }): Promise<void> {
    const markerWord = uniqueWord();
    const markerSku = uniqueSku('MRK');
    const marker = await admin.create({ title: `Marker ${markerWord}`, variants: [{ sku: markerSku, price: { amount: 100, currency: 'EUR' } }] });
    const markerHit = async () => (await search(service.url, `q=${markerWord}`)).items.find((i) => i.id === marker.id);
    await eventually(async () => expect(await markerHit()).toBeDefined());
    if (definition.stream === 'events.inventory') {
      const levels = { onHand: 1, reserved: 0, committed: 1, available: 0 };
      await publish(prefix, StockSoldOutV1, { aggregateId: markerSku, version: 1, payload: { sku: markerSku, ...levels } });
      await eventually(async () => expect((await markerHit())?.inStock).toBe(false));
    } else if (definition.stream === 'events.pricing') {
      const sale = { flashSaleId: randomUUID(), sku: markerSku, salePrice: { amount: 50, currency: 'EUR' }, units: 1, perCustomerLimit: 1, startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 60_000).toISOString() };
      await publish(prefix, FlashSaleStartedV1, { aggregateId: sale.flashSaleId, version: 1, payload: sale });
      await eventually(async () => expect((await markerHit())?.salePrice?.amount).toBe(50));
    }
  }
});
