/**
 * What the index holds per product: everything a query matches, filters, sorts or shows, built from
 * the catalog's product (follows its events), pricing's live flash sales and inventory's stock.
 * Only active products are indexed; an archived or deleted product is removed.
 */
export interface SearchDocument {
  productId: string;
  slug: string;
  title: string;
  description: string;
  /** Variant titles, e.g. "Navy / M". */
  variantNames: string[];
  skus: string[];
  /** The product's categories and every ancestor of them (a category filter matches its subtree). */
  categoryIds: string[];
  /** Names along the product's category paths, e.g. ["Clothing", "T-shirts"]. */
  categoryNames: string[];
  /** Lower-cased attribute name → its values over the variants, e.g. { size: ["M","L"], colour: ["Navy"] } (`color` is stored as `colour`). */
  attributes: Record<string, string[]>;
  currency: string;
  /** The lowest variant list price (the catalog's), minor units. */
  priceMin: number;
  priceMax: number;
  /** Each variant's list price by SKU, minor units (variants in another currency are left out). */
  listPrices: Record<string, number>;
  /**
   * The lowest price a shopper pays now, minor units: per variant its live flash-sale price, else
   * its list price. What a result card shows, so what the price sorts, filter and facet use.
   */
  priceNow: number;
  /** `priceNow` when it is below `priceMin` (a variant's live flash sale), else null: the card strikes `priceMin` through. */
  salePrice: number | null;
  inStock: boolean;
  image: string | null;
  /** ISO instant the product was created (the `newest` sort). */
  createdAt: string;
  /** The catalog's product version this document reflects (older events never overwrite newer). */
  version: number;
}
