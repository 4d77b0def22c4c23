import type { Money } from '@shop/contracts';

/**
 * What a quote is computed from, as ports: each source of a price is owned by its own part of the
 * service (products from the catalog's events, flash sales, demand rules) and read in bulk, one
 * call per source per quote, never per line.
 */

/** A SKU as pricing knows it from the catalog's events. */
export interface ProductPriceRecord {
  sku: string;
  productId: string;
  productSlug: string;
  /** The product's title, with the variant's when it has its own. */
  title: string;
  image: string | null;
  /** The product's categories and all their ancestors (a category promotion covers its subtree). */
  categoryIds: readonly string[];
  listPrice: Money;
  /** False for draft or archived products: nobody can buy them, a quote refuses them. */
  active: boolean;
}

export interface ProductPrices {
  /** The SKUs pricing knows; an unknown SKU is absent. */
  bySkus(skus: readonly string[]): Promise<Map<string, ProductPriceRecord>>;
}

/** A flash sale's price of a SKU in its window. */
export interface FlashSalePrice {
  flashSaleId: string;
  sku: string;
  price: Money;
  startsAt: Date;
  endsAt: Date;
}

export interface FlashSalePrices {
  /**
   * Sales (not cancelled) of these SKUs whose window contains `at` or opens after it: the quote
   * uses the open one and ends its own life when the next window opens or the open one closes.
   */
  forSkus(skus: readonly string[], at: Date): Promise<FlashSalePrice[]>;
}

/** The price a demand rule sets for a SKU now. */
export interface DemandPrice {
  ruleId: string;
  sku: string;
  amount: number;
}

export interface DemandPrices {
  /** Enabled rules' current prices (a disabled rule, the kill switch, is absent). */
  currentFor(skus: readonly string[]): Promise<Map<string, DemandPrice>>;
}
