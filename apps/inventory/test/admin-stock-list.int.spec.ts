import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminStockItem, AdminStockPage } from '@shop/contracts';
import { identityHeaders, testEnv } from '@shop/testing';
import { demoOnHand, seedDemoStock } from '../src/demo/seed-demo-stock.js';
import { api, reserve, retryingPassing, startTestInventory, testConfig, uniquePrefix } from './inventory-harness.js';

const SKU_COUNT = 1_600;
const LOW = 5;

/**
 * GET /api/admin/inventory: the console's stock list over 1,600 SKUs (more than the demo shop's
 * 1,500), seeded before the instance starts as `npm start` does, then changed through the API.
 */
describe('admin stock list', () => {
  let inv: Awaited<ReturnType<typeof startTestInventory>>;
  let url: string;
  // A tag of this run only, so other suites' SKUs in the same database stay out of the counts.
  const tag = `LST${Date.now().toString(36).toUpperCase()}`;
  const skus = Array.from({ length: SKU_COUNT }, (_, i) => `${tag}-${String(i).padStart(4, '0')}`);
  const expected = new Map(skus.map((sku) => [sku, { onHand: demoOnHand(sku), reserved: 0 }]));
  const availableOf = (sku: string) => expected.get(sku)!.onHand - expected.get(sku)!.reserved;

  const page = async (query: string) => {
    const res = await api(url, `/api/admin/inventory?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as AdminStockPage;
  };

  /** Every page of a listing, following nextCursor. */
  const walk = async (query: string, limit: number) => {
    const items: AdminStockItem[] = [];
    const totals = new Set<number>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const body = await page(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(body.items.length).toBeLessThanOrEqual(limit);
      items.push(...body.items);
      totals.add(body.total);
      cursor = body.nextCursor;
      pages++;
    } while (cursor !== null && pages < 1_000);
    return { items, totals: [...totals], pages };
  };

  beforeAll(async () => {
    const prefix = uniquePrefix();
    const config = testConfig(prefix, { LOW_STOCK_THRESHOLD: String(LOW) });
    await seedDemoStock(testEnv().databaseUrl, skus, config.partitions);
    inv = await startTestInventory({ prefix, env: { LOW_STOCK_THRESHOLD: String(LOW) } });
    url = inv.url;
    // Changes through the engine: a SKU emptied, one made low, one partly held by a shopper.
    const changes: Array<[string, number]> = [
      [skus[0]!, 0],
      [skus[1]!, 3],
      [skus[2]!, 40],
    ];
    for (const [sku, onHand] of changes) {
      const res = await retryingPassing(() => api(url, `/api/admin/inventory/${sku}`, { method: 'PUT', json: { onHand, reason: 'recount' } }));
      expect(res.status).toBe(200);
      expected.get(sku)!.onHand = onHand;
    }
    const held = await reserve(url, `list-${tag}`, { items: [{ sku: skus[2], quantity: 38 }], customerId: 'c-list' });
    expect(held.status).toBe(201);
    expected.get(skus[2]!)!.reserved = 38;
  }, 120_000);
  afterAll(async () => {
    await inv?.service.close();
  });

  it('pages through all 1,600 SKUs in SKU order with exact figures, levels and a stable total', async () => {
    const { items, totals, pages } = await walk(`q=${tag}`, 100);
    expect(pages).toBe(16);
    expect(totals).toEqual([SKU_COUNT]);
    expect(items.map((i) => i.sku)).toEqual(skus);
    for (const item of items) {
      const want = expected.get(item.sku)!;
      const available = availableOf(item.sku);
      expect(item).toMatchObject({ onHand: want.onHand, reserved: want.reserved, committed: 0, available });
      expect(item.level).toBe(available === 0 ? 'sold_out' : available <= LOW ? 'low' : 'in_stock');
    }
    expect(items[2]).toMatchObject({ onHand: 40, reserved: 38, available: 2, level: 'low' });
  }, 120_000);

  it('agrees with the single-SKU read of the owning partition', async () => {
    const body = await page(`q=${tag}&limit=10`);
    for (const item of body.items) {
      const one = await api(url, `/api/admin/inventory/${item.sku}`);
      expect(one.body).toEqual({ sku: item.sku, onHand: item.onHand, reserved: item.reserved, committed: item.committed, available: item.available });
    }
  });

  it('filters by level across pages and by part of the SKU, case-insensitively', async () => {
    for (const level of ['sold_out', 'low', 'in_stock'] as const) {
      const want = skus.filter((sku) => {
        const available = availableOf(sku);
        return level === 'sold_out' ? available <= 0 : level === 'low' ? available > 0 && available <= LOW : available > LOW;
      });
      expect(want.length, level).toBeGreaterThan(0);
      const { items, totals } = await walk(`q=${tag}&availability=${level}`, 7);
      expect(items.map((i) => i.sku), level).toEqual(want);
      expect(totals).toEqual([want.length]);
      expect(new Set(items.map((i) => i.level))).toEqual(new Set([level]));
    }
    const one = await page(`q=${tag.toLowerCase()}-0042`);
    expect(one.items.map((i) => i.sku)).toEqual([`${tag}-0042`]);
    expect(one).toMatchObject({ total: 1, nextCursor: null });
    const tens = await page(`q=${tag}-001&limit=100`);
    expect(tens.items.map((i) => i.sku)).toEqual(skus.slice(10, 20));
    expect(await page(`q=${tag}-NOPE`)).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it('refuses bad queries with 400 naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['availability=plenty', 'availability'],
      ['q=50%25', 'q'],
      ['cursor=lower-case', 'cursor'],
      ['sort=sku', ''],
    ];
    for (const [query, field] of cases) {
      const res = await api(url, `/api/admin/inventory?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.body.error.details), query).toContain(field === '' ? 'sort' : `"${field}"`);
    }
  });

  it('is for admins only: 401 without a signed identity, 403 for a customer', async () => {
    const path = '/api/admin/inventory';
    expect((await api(url, path, { caller: null })).status).toBe(401);
    const customer = { userId: randomUUID(), role: 'customer' as const };
    expect((await api(url, path, { caller: null, headers: identityHeaders(customer, { method: 'GET', path }) })).status).toBe(403);
  });
});
