import type { Money, VariantView } from '@shop/contracts';
import type { PriceSource } from '../application/price-source.js';

/** The catalog's list price, as it came with the variant: no extra call. */
export class CatalogListPrice implements PriceSource {
  async unitPrices(variants: readonly VariantView[]): Promise<Map<string, Money>> {
    return new Map(variants.map((v) => [v.sku, v.price]));
  }
}
