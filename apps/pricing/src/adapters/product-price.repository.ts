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

  async applyProduct(product: { id: string; version: number }, records: readonly ProductPriceRecord[]): Promise<boolean> {
    const skus = records.map((r) => r.sku);
    const counts = await this.prisma.$transaction(async (tx) => {
      let count = 0;
      for (const r of records) {
        // An older version never overwrites a newer one (events may arrive twice or late); a SKU
        // another product gave up may move to this one.
        count += await tx.$executeRaw`
          INSERT INTO pricing.product_price AS p
            (sku, product_id, product_slug, title, image, category_ids, list_amount, currency, active, product_version, updated_at)
          VALUES (${r.sku}, ${product.id}::uuid, ${r.productSlug}, ${r.title}, ${r.image}, ${r.categoryIds}::uuid[], ${r.listPrice.amount},
                  ${r.listPrice.currency}, ${r.active}, ${product.version}, now())
          ON CONFLICT (sku) DO UPDATE SET
            product_id = EXCLUDED.product_id, product_slug = EXCLUDED.product_slug, title = EXCLUDED.title, image = EXCLUDED.image,
            category_ids = EXCLUDED.category_ids, list_amount = EXCLUDED.list_amount, currency = EXCLUDED.currency,
            active = EXCLUDED.active, product_version = EXCLUDED.product_version, updated_at = now()
          WHERE p.product_version < EXCLUDED.product_version
             OR (p.product_id <> EXCLUDED.product_id AND NOT p.active)`;
      }
      // SKUs this product had and no longer has cannot be bought.
      count += await tx.$executeRaw`
        UPDATE pricing.product_price SET active = false, product_version = ${product.version}, updated_at = now()
        WHERE product_id = ${product.id}::uuid AND NOT (sku = ANY(${skus}::text[])) AND product_version < ${product.version} AND active`;
      return count;
    });
    return counts > 0;
  }
}
