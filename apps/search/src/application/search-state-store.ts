import type { SkuState } from '../domain/document-builder.js';

/**
 * What the search service remembers beside the index (search schema's own tables), so that a
 * restart or a full reindex loses nothing the events said: each SKU's stock, each flash sale's
 * state, and the newest product version applied.
 */
export interface SearchStateStore {
  /** Records `version` as the product's newest; false when a newer one was applied already (equal is allowed: a redelivery). */
  claimProductVersion(productId: string, version: number): Promise<boolean>;
  /** The ids among these products for which a newer version was applied (their listing is stale). */
  newerApplied(products: readonly { id: string; version: number }[]): Promise<Set<string>>;
  /**
   * Records a SKU's stock as of its stock `version`; an older version changes nothing. `version`
   * null (a released or expired reservation, which carries no stock version) marks it in stock.
   * Answers whether the stored stock changed.
   */
  recordStock(sku: string, inStock: boolean, version: number | null): Promise<boolean>;
  /** First stock figures read from inventory: each written unless the SKU already has a row of this or a newer version. */
  recordBaseline(levels: readonly { sku: string; inStock: boolean; version: number }[]): Promise<void>;
  /** A flash sale started; a sale already over stays over (redelivery or late arrival). */
  saleStarted(sale: { flashSaleId: string; sku: string; salePrice: number }): Promise<void>;
  /** A flash sale ended, was cancelled or sold out. */
  saleOver(sale: { flashSaleId: string; sku: string; salePrice: number }): Promise<void>;
  /** The stock and live sale prices of these SKUs (absent: never sold out / no live sale). */
  stateOf(skus: readonly string[]): Promise<SkuState>;
}
