import type { Money } from '@shop/contracts';
import type { SkuState } from '../domain/document-builder.js';

/** Pricing's price now of a SKU as read: null is its list price; read again once `until` has passed (null: when a change is announced). */
export interface SkuPriceReading {
  sku: string;
  price: Money | null;
  until: Date | null;
}

/**
 * What the search service remembers beside the index (search schema's own tables), so that a
 * restart or a full reindex loses nothing the events said: each SKU's stock, each flash sale's
 * state, each SKU's price now as pricing answered it, and the newest product version applied.
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
  /** The stock, live sale prices and pricing's prices of these SKUs (absent: never sold out / no live sale / never read). */
  stateOf(skus: readonly string[]): Promise<SkuState>;
  /** First readings of SKUs that had none; a SKU read meanwhile by someone else keeps that reading. */
  recordFirstPrices(readings: readonly SkuPriceReading[]): Promise<void>;
  /**
   * These SKUs' prices are to be read again at `at` (a change was announced, or pricing could not
   * answer); the stored price counts meanwhile. A SKU never read gets a row with its list price.
   */
  pricesDueAt(skus: readonly string[], at: Date): Promise<void>;
  /**
   * Claims up to `limit` SKUs whose price is due at `at`: each is leased until `leaseUntil`
   * (another instance does not claim it meanwhile; if never recorded, it is due again then).
   */
  claimDuePrices(at: Date, limit: number, leaseUntil: Date): Promise<string[]>;
  /**
   * Readings of SKUs claimed with `leaseUntil`. A SKU marked due again since its claim (a change
   * announced while pricing was being asked) keeps that mark: its reading may predate the change.
   */
  recordClaimedPrices(readings: readonly SkuPriceReading[], leaseUntil: Date): Promise<void>;
  /** The earliest instant a stored price is due to be read again (null: none is). */
  nextPriceDue(): Promise<Date | null>;
}
