import type { Money } from '@shop/contracts';
import { CatalogVariantClient } from '@shop/catalog-client';
import type { ListPrices } from '../application/demand-pricing.js';
import type { ProductPrices } from '../application/price-inputs.js';

/** List prices asked of the catalog's internal SKU lookup (one call per 100 SKUs). */
export class CatalogListPrices implements ListPrices {
  constructor(private readonly catalog: CatalogVariantClient) {}

  async of(skus: readonly string[]): Promise<Map<string, Money>> {
    const variants = await this.catalog.variants(skus);
    return new Map([...variants.values()].map((v) => [v.sku, v.price]));
  }
}

/** List prices from pricing's own product records (the quote's ProductPrices), when the service has them. */
export function listPricesFrom(products: ProductPrices): ListPrices {
  return {
    async of(skus) {
      const records = await products.bySkus(skus);
      return new Map([...records.values()].map((r) => [r.sku, r.listPrice]));
    },
  };
}
