import type { CatalogVariantClient } from '@shop/catalog-client';
import type { ProductPriceRecord, ProductPrices } from '../application/price-inputs.js';

/**
 * ProductPrices read from the catalog over HTTP (its internal variant lookup). A stand-in until
 * pricing keeps its own copy from the catalog's events (the product_price table of the pricing
 * core); categories are not part of the lookup, so `categoryIds` is empty here.
 */
export class CatalogProductPrices implements ProductPrices {
  constructor(private readonly catalog: Pick<CatalogVariantClient, 'variants'>) {}

  async bySkus(skus: readonly string[]): Promise<Map<string, ProductPriceRecord>> {
    const variants = await this.catalog.variants(skus);
    const out = new Map<string, ProductPriceRecord>();
    for (const v of variants.values()) {
      out.set(v.sku, {
        sku: v.sku,
        productId: v.productId,
        productSlug: v.productSlug,
        title: v.title && v.title !== v.productTitle ? `${v.productTitle} — ${v.title}` : v.productTitle,
        image: v.image?.url ?? null,
        categoryIds: [],
        listPrice: v.price,
        active: v.status === 'active',
      });
    }
    return out;
  }
}
