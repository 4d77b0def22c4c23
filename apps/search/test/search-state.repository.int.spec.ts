import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgPool } from '@shop/persistence';
import { testEnv } from '@shop/testing';
import { SearchStateRepository } from '../src/adapters/search-state.repository.js';
import { uniqueSku } from './unique-names.js';

/** The indexer's state on the real (migrated) database: versions, stock and sales decide idempotently. */
describe('SearchStateRepository', () => {
  const pool = createPgPool({ connectionString: testEnv().databaseUrl, max: 2 });
  const state = new SearchStateRepository(pool);
  afterAll(() => pool.end());

  it('claims a product version unless a newer one was applied (the same one again is a redelivery)', async () => {
    const id = randomUUID();
    expect(await state.claimProductVersion(id, 2)).toBe(true);
    expect(await state.claimProductVersion(id, 2)).toBe(true);
    expect(await state.claimProductVersion(id, 1)).toBe(false);
    expect(await state.claimProductVersion(id, 3)).toBe(true);
    expect(await state.newerApplied([{ id, version: 2 }, { id, version: 3 }, { id: randomUUID(), version: 1 }])).toEqual(new Set([id]));
  });

  it('records stock by stock version; a release brings a sold-out SKU back; answers whether it changed', async () => {
    const sku = uniqueSku('ST');
    expect((await state.stateOf([sku])).inStock.get(sku)).toBeUndefined();
    expect(await state.recordStock(sku, true, null)).toBe(false);
    expect(await state.recordStock(sku, false, 5)).toBe(true);
    expect(await state.recordStock(sku, false, 5)).toBe(false);
    expect(await state.recordStock(sku, true, 4)).toBe(false);
    expect((await state.stateOf([sku])).inStock.get(sku)).toBe(false);
    expect(await state.recordStock(sku, true, null)).toBe(true);
    expect(await state.recordStock(sku, true, null)).toBe(false);
    expect((await state.stateOf([sku])).inStock.get(sku)).toBe(true);
    expect(await state.recordStock(sku, false, 6)).toBe(true);
    expect((await state.stateOf([sku])).inStock.get(sku)).toBe(false);
  });

  it('keeps the lowest live sale price per SKU; a sale over never comes back', async () => {
    const sku = uniqueSku('SL');
    const a = { flashSaleId: randomUUID(), sku, salePrice: 900 };
    const b = { flashSaleId: randomUUID(), sku, salePrice: 700 };
    await state.saleStarted(a);
    await state.saleStarted(b);
    expect((await state.stateOf([sku])).salePrices.get(sku)).toBe(700);
    await state.saleOver(b);
    await state.saleStarted(b);
    expect((await state.stateOf([sku])).salePrices.get(sku)).toBe(900);
    await state.saleOver(a);
    expect((await state.stateOf([sku, uniqueSku('NONE')])).salePrices.size).toBe(0);
  });

  describe('pricing’s prices', () => {
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    const at = (ms: number) => new Date(Date.UTC(2030, 0, 1) + ms);

    it('keeps a first reading unless the SKU was read meanwhile; null is the list price; a SKU never read is absent', async () => {
      const [listed, scheduled, never] = [uniqueSku('PL'), uniqueSku('PS'), uniqueSku('PN')];
      await state.recordFirstPrices([
        { sku: listed, price: null, until: null },
        { sku: scheduled, price: eur(1500), until: at(60_000) },
      ]);
      await state.recordFirstPrices([{ sku: scheduled, price: eur(900), until: null }]);
      const { prices } = await state.stateOf([listed, scheduled, never]);
      expect(prices).toEqual(new Map([[listed, null], [scheduled, eur(1500)]]));
    });

    it('claims due SKUs once (leased), records their readings, and keeps a change announced while pricing was being asked', async () => {
      const [a, b, later] = [uniqueSku('PA'), uniqueSku('PB'), uniqueSku('PC')];
      await state.recordFirstPrices([{ sku: later, price: eur(700), until: new Date(Date.now() + 3_600_000) }]);
      const now = new Date();
      await state.pricesDueAt([a, b], now);
      // Marked due: a row with the list price until read.
      expect((await state.stateOf([a])).prices.get(a)).toBeNull();

      const lease = new Date(now.getTime() + 30_000);
      const claimed = await state.claimDuePrices(now, 500, lease);
      expect(claimed).toEqual(expect.arrayContaining([a, b]));
      expect(claimed).not.toContain(later);
      // Leased: another instance claims neither meanwhile.
      expect(await state.claimDuePrices(now, 500, new Date(lease.getTime() + 1))).not.toEqual(expect.arrayContaining([a]));

      // A change of b announced while pricing was being asked: b's (older) reading is not kept, and b stays due.
      await state.pricesDueAt([b], now);
      const until = new Date(now.getTime() + 3_600_000);
      await state.recordClaimedPrices(
        [
          { sku: a, price: eur(1800), until },
          { sku: b, price: eur(1900), until: null },
        ],
        lease,
      );
      const { prices } = await state.stateOf([a, b]);
      expect(prices.get(a)).toEqual(eur(1800));
      expect(prices.get(b)).toBeNull();
      expect(await state.claimDuePrices(now, 500, lease)).toEqual(expect.arrayContaining([b]));
      // Not due before its until; the earliest due instant is known.
      expect(await state.claimDuePrices(new Date(until.getTime() - 1), 500, lease)).not.toContain(a);
      expect((await state.nextPriceDue())!.getTime()).toBeLessThanOrEqual(until.getTime());
    });
  });
});
