import { PRICE_BUCKETS, type SearchFacets } from '@shop/contracts';
import type { CategoryDirectory, CategoryRef } from './category-tree.js';

/** Raw counts over the matching products, as an engine gathers them (one pass, every filter applied). */
export interface FacetTallies {
  /** Category id → products in it (or below it), for the categories `facetCategories` names. */
  category: ReadonlyMap<string, number>;
  /** Index into PRICE_BUCKETS → products whose price falls in that bucket. */
  price: ReadonlyMap<number, number>;
  size: ReadonlyMap<string, number>;
  colour: ReadonlyMap<string, number>;
}

/** The categories the category facet counts: the children of the filtered category, the roots without a filter. */
export function facetCategories(categories: CategoryDirectory, filtered: CategoryRef | undefined): CategoryRef[] {
  return categories.childrenOf(filtered ? filtered.id : null);
}

/** Where a price falls in PRICE_BUCKETS (every price falls in exactly one). */
export function priceBucketIndex(price: number): number {
  const index = PRICE_BUCKETS.findIndex((b) => price >= b.from && (b.to === null || price < b.to));
  return index < 0 ? 0 : index;
}

/** The lower bounds of every bucket but the first: what SQL's width_bucket and ES range aggregations need. */
export const PRICE_BUCKET_BOUNDS: readonly number[] = PRICE_BUCKETS.slice(1).map((b) => b.from);

/**
 * The facets of a result as the contract orders them: zero counts left out; categories by count
 * then label, sizes and colours by count then value, price buckets in their own order.
 */
export function assembleFacets(tallies: FacetTallies, categories: readonly CategoryRef[]): SearchFacets {
  const byCount = <T extends { count: number }>(key: (x: T) => string) => (a: T, b: T) => b.count - a.count || compareText(key(a), key(b));
  return {
    category: categories
      .map((c) => ({ value: c.slug, label: c.name, count: tallies.category.get(c.id) ?? 0 }))
      .filter((f) => f.count > 0)
      .sort(byCount((f) => f.label)),
    price: PRICE_BUCKETS.map((b, i) => ({ from: b.from, to: b.to, count: tallies.price.get(i) ?? 0 })).filter((f) => f.count > 0),
    size: valueFacet(tallies.size).sort(byCount((f) => f.value)),
    colour: valueFacet(tallies.colour).sort(byCount((f) => f.value)),
  };
}

function valueFacet(counts: ReadonlyMap<string, number>): { value: string; count: number }[] {
  return [...counts].filter(([, count]) => count > 0).map(([value, count]) => ({ value, count }));
}

/** Code-point order: the same in every engine and locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
