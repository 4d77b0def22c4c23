import pg from 'pg';
import { partitionOf, stableHash32 } from '@shop/partitioning';

/** Demo on-hand stock of a SKU: 0 to 200, the same on every machine (a few SKUs are sold out). */
export function demoOnHand(sku: string): number {
  return stableHash32(`demo-stock:${sku}`) % 201;
}

export interface DemoStockResult {
  skus: number;
  created: number;
}

/**
 * Gives every SKU without a stock record its demo stock (with a ledger entry). Safe to run again:
 * existing records — and whatever was sold meanwhile — are left alone. Run it before the
 * inventory instances start (they load their partitions at start; `npm start` seeds first).
 */
export async function seedDemoStock(databaseUrl: string, skus: readonly string[], partitions: number): Promise<DemoStockResult> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'db-seed' });
  client.on('error', () => undefined); // a dropped link fails the pending query instead
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `WITH created AS (
         INSERT INTO inventory.stock (sku, partition, on_hand, version)
         SELECT s.sku, s.partition, s.on_hand, 1 FROM unnest($1::text[], $2::int[], $3::int[]) AS s(sku, partition, on_hand)
         ON CONFLICT (sku) DO NOTHING
         RETURNING sku, on_hand)
       INSERT INTO inventory.stock_ledger (sku, delta, on_hand_after, kind, reason)
       SELECT sku, on_hand, on_hand, 'set', 'demo seed' FROM created`,
      [skus, skus.map((s) => partitionOf(s, partitions)), skus.map(demoOnHand)],
    );
    return { skus: skus.length, created: rowCount ?? 0 };
  } finally {
    await client.end();
  }
}
