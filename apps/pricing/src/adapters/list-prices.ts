import type { ListPrices } from '../application/demand-pricing.js';
import type { ProductPrices } from '../application/price-inputs.js';

/** List prices from pricing's own product records (followed from the catalog's events). */
export function listPricesFrom(products: ProductPrices): ListPrices {
  return {
    async of(skus) {
      const records = await products.bySkus(skus);
      return new Map([...records.values()].map((r) => [r.sku, r.listPrice]));
    },
  };
}
