import type { Money, Product } from '@shop/contracts';
import type { CategoryTree } from './category-tree.js';
import type { SearchDocument } from './search-document.js';

/**
 * What the search service knows about a product's SKUs beyond the catalog: whether each has stock
 * (from inventory's events), each one's live flash-sale price (from pricing's events) and its
 * price now for any shopper as pricing answered it. A SKU absent from `inStock` has never been
 * reported sold out, so it counts as in stock.
 */
export interface SkuState {
  inStock: ReadonlyMap<string, boolean>;
  /** Live flash-sale price per SKU, minor units. */
  salePrices: ReadonlyMap<string, number>;
  /**
   * Pricing's price now per SKU for a shopper not signed in (a scheduled, demand or price-list
   * price); null: its list price. Absent: not asked yet (the list price counts meanwhile).
   */
  prices: ReadonlyMap<string, Money | null>;
}

export const NO_SKU_STATE: SkuState = { inStock: new Map(), salePrices: new Map(), prices: new Map() };

/** `Color` and `COLOUR` are one attribute: names are lower-cased and `color` is folded into `colour`. */
export function attributeKey(name: string): string {
  const key = name.trim().toLowerCase();
  return key === 'color' ? 'colour' : key;
}

/**
 * The search document of a catalog product, or null when it must not be found (not active, or no
 * variant to sell). Categories gain their ancestors (a category filter matches its subtree); a
 * category the tree does not know keeps its id, without a name.
 */
export function buildSearchDocument(product: Product, categories: CategoryTree, state: SkuState): SearchDocument | null {
  if (product.status !== 'active' || product.variants.length === 0) return null;
  const currency = product.variants[0]!.price.currency;
  // One currency per document: a variant priced in another cannot be compared, so it is left out of the range.
  const priced = product.variants.filter((v) => v.price.currency === currency);
  const prices = priced.map((v) => v.price.amount);

  const categoryIds = new Set<string>();
  const categoryNames = new Set<string>();
  for (const id of product.categoryIds) {
    const path = categories.pathTo(id);
    if (path.length === 0) categoryIds.add(id);
    for (const category of path) {
      categoryIds.add(category.id);
      categoryNames.add(category.name);
    }
  }

  const attributes: Record<string, string[]> = {};
  for (const variant of product.variants) {
    for (const [name, value] of Object.entries(variant.attributes)) {
      const values = (attributes[attributeKey(name)] ??= []);
      if (!values.includes(value)) values.push(value);
    }
  }

  const skus = product.variants.map((v) => v.sku);
  return withSkuState(
    {
      productId: product.id,
      slug: product.slug,
      title: product.title,
      description: product.description,
      variantNames: unique(product.variants.map((v) => v.title.trim()).filter((t) => t.length > 0)),
      skus,
      categoryIds: [...categoryIds],
      categoryNames: [...categoryNames],
      attributes,
      currency,
      priceMin: Math.min(...prices),
      priceMax: Math.max(...prices),
      listPrices: Object.fromEntries(priced.map((v) => [v.sku, v.price.amount])),
      priceNow: Math.min(...prices),
      salePrice: null,
      inStock: true,
      image: product.images[0]?.url ?? null,
      createdAt: product.createdAt,
      version: product.version,
    },
    state,
  );
}

/**
 * The document with its stock and prices recomputed from the SKUs' state: in stock when any SKU
 * is; the price now is the lowest over the variants of what each costs now (the card's price, so
 * what results are sorted and filtered by); the sale price is that price when it is below the
 * lowest list price (null otherwise).
 */
export function withSkuState(document: SearchDocument, state: SkuState): SearchDocument {
  const inStock = document.skus.some((sku) => state.inStock.get(sku) ?? true);
  const priceNow = priceNowOf(document, state);
  return { ...document, inStock, priceNow, salePrice: priceNow < document.priceMin ? priceNow : null };
}

/**
 * The lowest price a variant sells at now: its live flash sale's price, else pricing's price for
 * any shopper, else its list price (pricing's precedence: a flash sale beats everything, and
 * search follows flash sales from their own events). A document written before list prices were
 * kept per variant (none known: an index not rebuilt since) counts its lowest list price for
 * every variant.
 */
function priceNowOf(document: SearchDocument, state: SkuState): number {
  const listPrices: Readonly<Record<string, number>> = document.listPrices ?? {};
  const perVariant = Object.keys(listPrices).length > 0;
  let lowest = Infinity;
  for (const sku of document.skus) {
    const list = perVariant ? listPrices[sku] : document.priceMin;
    // Not in the document's currency: it cannot be compared (nor is its sale, priced in it).
    if (list === undefined) continue;
    const priced = state.prices.get(sku);
    const now = state.salePrices.get(sku) ?? (priced && priced.currency === document.currency ? priced.amount : list);
    lowest = Math.min(lowest, now);
  }
  return Number.isFinite(lowest) ? lowest : document.priceMin;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
