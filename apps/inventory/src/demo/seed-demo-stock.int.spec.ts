import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { partitionOf } from '@shop/partitioning';
import { testEnv } from '@shop/testing';
import { demoOnHand, seedDemoStock } from './seed-demo-stock.js';

describe('demo stock seed', () => {
  it('is deterministic, between 0 and 200, and leaves existing records alone when run again', async () => {
    const { databaseUrl } = testEnv();
    const skus = Array.from({ length: 300 }, (_, i) => `SEED-${Date.now().toString(36).toUpperCase()}-${i}`);
    const values = skus.map(demoOnHand);
    expect(values.every((v) => v >= 0 && v <= 200)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(50);
    expect(skus.map(demoOnHand)).toEqual(values);

    expect(await seedDemoStock(databaseUrl, skus, 64)).toEqual({ skus: 300, created: 300 });
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      await db.query('UPDATE inventory.stock SET reserved = 1 WHERE sku = $1 AND on_hand > 0', [skus[0]]);
      expect(await seedDemoStock(databaseUrl, skus, 64)).toEqual({ skus: 300, created: 0 });
      const { rows } = await db.query<{ sku: string; on_hand: number; partition: number }>('SELECT sku, on_hand, partition FROM inventory.stock WHERE sku = ANY($1)', [skus]);
      expect(rows).toHaveLength(300);
      for (const r of rows) {
        expect(r.on_hand).toBe(demoOnHand(r.sku));
        expect(r.partition).toBe(partitionOf(r.sku, 64));
      }
      const ledger = await db.query('SELECT count(*)::int AS n FROM inventory.stock_ledger WHERE sku = ANY($1)', [skus]);
      expect(ledger.rows[0].n).toBe(300);
    } finally {
      await db.end();
    }
  });
});
