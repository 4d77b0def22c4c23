import type { Money, VariantView } from '@shop/contracts';

/**
 * Where unit prices come from. The default reads the catalog's list price; the pricing service
 * (promotions, flash-sale prices, signed quotes) will replace it behind this port.
 */
export interface PriceSource {
  /** The unit price of each variant for a cart in `currency`; a variant with no price is absent. */
  unitPrices(variants: readonly VariantView[], currency: string): Promise<Map<string, Money>>;
}
