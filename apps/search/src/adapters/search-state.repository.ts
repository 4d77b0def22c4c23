import type { Pool } from 'pg';
import type { SkuState } from '../domain/document-builder.js';
import type { SearchStateStore, SkuPriceReading } from '../application/search-state-store.js';

/** The search schema's state tables on Postgres (prisma/schema/search-state.prisma, created by the migrations). */
export class SearchStateRepository implements SearchStateStore {
  constructor(private readonly pool: Pool) {}

  async claimProductVersion(productId: string, version: number): Promise<boolean> {
    const res = await this.pool.query(
      `INSERT INTO search.product_version (product_id, version) VALUES ($1, $2)
       ON CONFLICT (product_id) DO UPDATE SET version = EXCLUDED.version WHERE product_version.version <= EXCLUDED.version
       RETURNING version`,
      [productId, version],
    );
    return res.rowCount === 1;
  }

  async newerApplied(products: readonly { id: string; version: number }[]): Promise<Set<string>> {
    if (products.length === 0) return new Set();
    const res = await this.pool.query<{ product_id: string }>(
      `SELECT v.product_id FROM search.product_version v
       JOIN unnest($1::uuid[], $2::int[]) AS listed(id, version) ON listed.id = v.product_id
       WHERE v.version > listed.version`,
      [products.map((p) => p.id), products.map((p) => p.version)],
    );
    return new Set(res.rows.map((r) => r.product_id));
  }

  async recordStock(sku: string, inStock: boolean, version: number | null): Promise<boolean> {
    if (version === null) {
      // A SKU without a row was never sold out: nothing to write (releases are frequent).
      const res = await this.pool.query('UPDATE search.sku_stock SET in_stock = true WHERE sku = $1 AND NOT in_stock', [sku]);
      return res.rowCount === 1;
    }
    const res = await this.pool.query<{ changed: boolean }>(
      `WITH before AS (SELECT in_stock FROM search.sku_stock WHERE sku = $1)
       INSERT INTO search.sku_stock (sku, in_stock, version) VALUES ($1, $2, $3)
       ON CONFLICT (sku) DO UPDATE SET in_stock = EXCLUDED.in_stock, version = EXCLUDED.version
       WHERE sku_stock.version < EXCLUDED.version
       RETURNING (SELECT in_stock FROM before) IS DISTINCT FROM $2 AS changed`,
      [sku, inStock, version],
    );
    return res.rows[0]?.changed ?? false;
  }

  async recordBaseline(levels: readonly { sku: string; inStock: boolean; version: number }[]): Promise<void> {
    if (levels.length === 0) return;
    await this.pool.query(
      `INSERT INTO search.sku_stock (sku, in_stock, version)
       SELECT * FROM unnest($1::text[], $2::boolean[], $3::int[])
       ON CONFLICT (sku) DO UPDATE SET in_stock = EXCLUDED.in_stock, version = EXCLUDED.version
       WHERE sku_stock.version < EXCLUDED.version`,
      [levels.map((l) => l.sku), levels.map((l) => l.inStock), levels.map((l) => l.version)],
    );
  }

  async saleStarted(sale: { flashSaleId: string; sku: string; salePrice: number }): Promise<void> {
    await this.pool.query(
      `INSERT INTO search.flash_sale (flash_sale_id, sku, sale_price, live) VALUES ($1, $2, $3, true)
       ON CONFLICT (flash_sale_id) DO NOTHING`,
      [sale.flashSaleId, sale.sku, sale.salePrice],
    );
  }

  async saleOver(sale: { flashSaleId: string; sku: string; salePrice: number }): Promise<void> {
    await this.pool.query(
      `INSERT INTO search.flash_sale (flash_sale_id, sku, sale_price, live) VALUES ($1, $2, $3, false)
       ON CONFLICT (flash_sale_id) DO UPDATE SET live = false`,
      [sale.flashSaleId, sale.sku, sale.salePrice],
    );
  }

  async stateOf(skus: readonly string[]): Promise<SkuState> {
    if (skus.length === 0) return { inStock: new Map(), salePrices: new Map(), prices: new Map() };
    const list = [...new Set(skus)];
    const [stock, sales, prices] = await Promise.all([
      this.pool.query<{ sku: string; in_stock: boolean }>('SELECT sku, in_stock FROM search.sku_stock WHERE sku = ANY($1::text[])', [list]),
      this.pool.query<{ sku: string; price: number }>(
        'SELECT sku, min(sale_price)::int AS price FROM search.flash_sale WHERE live AND sku = ANY($1::text[]) GROUP BY sku',
        [list],
      ),
      this.pool.query<{ sku: string; amount: number | null; currency: string | null }>('SELECT sku, amount, currency FROM search.sku_price WHERE sku = ANY($1::text[])', [list]),
    ]);
    return {
      inStock: new Map(stock.rows.map((r) => [r.sku, r.in_stock])),
      salePrices: new Map(sales.rows.map((r) => [r.sku, r.price])),
      prices: new Map(prices.rows.map((r) => [r.sku, r.amount !== null && r.currency !== null ? { amount: r.amount, currency: r.currency } : null])),
    };
  }

  async recordFirstPrices(readings: readonly SkuPriceReading[]): Promise<void> {
    if (readings.length === 0) return;
    await this.pool.query(
      `INSERT INTO search.sku_price (sku, amount, currency, until)
       SELECT * FROM unnest($1::text[], $2::int[], $3::char(3)[], $4::timestamptz[])
       ON CONFLICT (sku) DO NOTHING`,
      priceColumns(readings),
    );
  }

  async pricesDueAt(skus: readonly string[], at: Date): Promise<void> {
    if (skus.length === 0) return;
    await this.pool.query(
      `INSERT INTO search.sku_price (sku, amount, currency, until) SELECT DISTINCT s, NULL::int, NULL::char(3), $2::timestamptz FROM unnest($1::text[]) AS s
       ON CONFLICT (sku) DO UPDATE SET until = EXCLUDED.until`,
      [[...new Set(skus)].sort(), at],
    );
  }

  async claimDuePrices(at: Date, limit: number, leaseUntil: Date): Promise<string[]> {
    const res = await this.pool.query<{ sku: string }>(
      `UPDATE search.sku_price SET until = $3
       WHERE sku IN (SELECT sku FROM search.sku_price WHERE until <= $1 ORDER BY until LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING sku`,
      [at, limit, leaseUntil],
    );
    return res.rows.map((r) => r.sku);
  }

  async recordClaimedPrices(readings: readonly SkuPriceReading[], leaseUntil: Date): Promise<void> {
    if (readings.length === 0) return;
    await this.pool.query(
      `UPDATE search.sku_price p SET amount = r.amount, currency = r.currency, until = r.until
       FROM unnest($1::text[], $2::int[], $3::char(3)[], $4::timestamptz[]) AS r(sku, amount, currency, until)
       WHERE p.sku = r.sku AND p.until = $5`,
      [...priceColumns(readings), leaseUntil],
    );
  }

  async nextPriceDue(): Promise<Date | null> {
    const res = await this.pool.query<{ until: Date | null }>('SELECT min(until) AS until FROM search.sku_price');
    return res.rows[0]?.until ?? null;
  }
}

/** Readings as the four arrays an unnest() of (sku, amount, currency, until) takes, in SKU order (row locks in one order). */
function priceColumns(readings: readonly SkuPriceReading[]): [string[], (number | null)[], (string | null)[], (Date | null)[]] {
  const sorted = [...readings].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  return [sorted.map((r) => r.sku), sorted.map((r) => r.price?.amount ?? null), sorted.map((r) => r.price?.currency ?? null), sorted.map((r) => r.until)];
}
