import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '@shop/contracts';
import { fetchJson, INVENTORY_QUICK_FAILOVER, testEnv, type BuiltService } from '@shop/testing';
import { ADMIN, catalogAdmin, search, startBuilt, startCatalog, startTestSearch, uniqueSku, uniqueWord } from './search-harness.js';

/**
 * Stock that never reached search as events (seeded, or set before search followed inventory):
 * a reindex asks inventory (the built service) for the SKUs it knows nothing about. A SKU with
 * units is in stock; one with none, or without stock in inventory at all, is not.
 */
describe('search reads the first stock figures from inventory', () => {
  // Catalog and inventory publish under prefixes of their own: search sees none of their events.
  const base = testEnv().redisPrefix;
  let catalog: BuiltService;
  let inventory: BuiltService;
  let service: Awaited<ReturnType<typeof startTestSearch>>;
  const word = uniqueWord();
  const products: Record<'plenty' | 'none' | 'untracked', Product> = {} as never;

  beforeAll(async () => {
    catalog = await startCatalog(`${base}srch-stk-cat:`);
    inventory = await startBuilt('inventory', 'INVENTORY_PORT', `${base}srch-stk-inv:`, { ...INVENTORY_QUICK_FAILOVER });
    service = await startTestSearch({ prefix: `${base}srch-stk:`, catalogUrl: catalog.url, env: { INVENTORY_URL: inventory.url } });
    const admin = catalogAdmin(catalog.url);
    for (const [name, onHand] of [['plenty', 5], ['none', 0], ['untracked', null]] as const) {
      const sku = uniqueSku('STK');
      if (onHand !== null) {
        const set = await fetchJson(`${inventory.url}/api/admin/inventory/${sku}`, { method: 'PUT', json: { onHand }, identity: ADMIN });
        expect(set.status).toBe(200);
      }
      products[name] = await admin.create({ title: `Stocked ${word} ${name}`, variants: [{ sku, price: { amount: 1000, currency: 'EUR' } }] });
    }
  }, 90_000);
  afterAll(async () => {
    await service?.close();
    await inventory?.stop();
    await catalog?.stop();
  });

  it('a reindex marks SKUs with units in stock and the others out of stock', async () => {
    expect(await service.reindexer.run()).toMatchObject({ state: 'done' });
    const result = await search(service.url, `q=${word}&limit=10`);
    const inStock = Object.fromEntries(result.items.map((i) => [i.id, i.inStock]));
    expect(inStock).toEqual({ [products.plenty.id]: true, [products.none.id]: false, [products.untracked.id]: false });
    expect((await search(service.url, `q=${word}&inStock=true`)).items.map((i) => i.id)).toEqual([products.plenty.id]);
  });
});
