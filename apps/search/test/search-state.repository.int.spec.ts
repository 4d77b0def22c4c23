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
});
