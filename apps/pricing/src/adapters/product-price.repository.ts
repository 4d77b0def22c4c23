import type { PrismaClient } from '@shop/persistence';
import type { ProductPriceRecord, ProductPrices } from '../application/price-inputs.js';
import type { ProductPriceStore } from '../application/product-projection.js';

/** pricing.product_price: the SKUs pricing knows, one bulk read per quote. */
export class ProductPriceRepository implements ProductPrices, ProductPriceStore {
  constructor(private readonly prisma: PrismaClient) {}

  async bySkus(skus: readonly string[]): Promise<Map<string, ProductPriceRecord>> {
    const rows = await this.prisma.productPrice.findMany({ where: { sku: { in: [...skus] } } });
    return new Map(
      rows.map((row) => [
        row.sku,
        {
          sku: row.sku,
          productId: row.productId,
          productSlug: row.productSlug,
          title: row.title,
          image: row.image,
          categoryIds: row.categoryIds,
          listPrice: { amount: row.listAmount, currency: row.currency },
          active: row.active,
        },
      ]),
    );
  }

  /**
   * One statement: upsert every SKU of the product and deactivate the SKUs it no longer has, each
   * row only when the stored version is older, so concurrent and repeated deliveries need no lock
   * beyond the rows' own (ON CONFLICT waits for a concurrent writer of the same SKU).
   */
  async applyProduct(product: { id: string; version: number }, records: readonly ProductPriceRecord[]): Promise<boolean> {
    const first = records[0];
    const skus = records.map((r) => r.sku);
    const rows = await this.prisma.$queryRaw<{ written: number }[]>`
      WITH incoming AS (
        SELECT * FROM unnest(${skus}::text[], ${records.map((r) => r.title)}::text[], ${records.map((r) => r.listPrice.amount)}::int[],
                             ${records.map((r) => r.listPrice.currency)}::text[]) AS i(sku, title, list_amount, currency)
      ), upserted AS (
        INSERT INTO pricing.product_price AS p
          (sku, product_id, product_slug, title, image, category_ids, list_amount, currency, active, product_version, updated_at)
        SELECT i.sku, ${product.id}::uuid, ${first?.productSlug ?? ''}, i.title, ${first?.image ?? null}, ${first?.categoryIds ?? []}::uuid[],
               i.list_amount, i.currency, ${first?.active ?? false}, ${product.version}, now()
        FROM incoming i
        ON CONFLICT (sku) DO UPDATE SET
          product_id = EXCLUDED.product_id, product_slug = EXCLUDED.product_slug, title = EXCLUDED.title, image = EXCLUDED.image,
          category_ids = EXCLUDED.category_ids, list_amount = EXCLUDED.list_amount, currency = EXCLUDED.currency,
          active = EXCLUDED.active, product_version = EXCLUDED.product_version, updated_at = now()
        -- An older version never overwrites a newer one (events arrive twice or late); a SKU another
        -- product gave up may move to this one.
        WHERE p.product_version < EXCLUDED.product_version OR (p.product_id <> EXCLUDED.product_id AND NOT p.active)
        RETURNING 1
      ), deactivated AS (
        -- SKUs this product had and no longer has cannot be bought.
        UPDATE pricing.product_price SET active = false, product_version = ${product.version}, updated_at = now()
        WHERE product_id = ${product.id}::uuid AND NOT (sku = ANY(${skus}::text[])) AND product_version < ${product.version} AND active
        RETURNING 1
      )
      SELECT ((SELECT count(*) FROM upserted) + (SELECT count(*) FROM deactivated))::int AS written`;
    return (rows[0]?.written ?? 0) > 0;
  }
}
