import type { Product } from '@shop/contracts';
import type { CategoryTree } from './category-tree.js';
import type { SearchDocument } from './search-document.js';

/**
 * What the search service knows about a product's SKUs beyond the catalog: whether each has stock
 * (from inventory's events) and each one's live flash-sale price (from pricing's events). A SKU
 * absent from `inStock` has never been reported sold out, so it counts as in stock.
 */
export interface SkuState {
  inStock: ReadonlyMap<string, boolean>;
  /** Live flash-sale price per SKU, minor units. */
  salePrices: ReadonlyMap<string, number>;
}

export const NO_SKU_STATE: SkuState = { inStock: new Map(), salePrices: new Map() };

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
  const prices = product.variants.filter((v) => v.price.currency === currency).map((v) => v.price.amount);

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
 * The document with its stock and sale price recomputed from the SKUs' state: in stock when any
 * SKU is; the sale price is the lowest live flash-sale price of its SKUs (null without one).
 */
export function withSkuState(document: SearchDocument, state: SkuState): SearchDocument {
  const inStock = document.skus.some((sku) => state.inStock.get(sku) ?? true);
  const sales = document.skus.map((sku) => state.salePrices.get(sku)).filter((p): p is number => p !== undefined);
  const salePrice = sales.length > 0 ? Math.min(...sales) : null;
  return { ...document, inStock, salePrice };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
