import type { SearchParams } from '@shop/api-client';
import type { SearchSort } from '@shop/contracts';

/**
 * What the search page shows, read from and written to its URL (`/search?q=…&size=M,L&sort=…`):
 * the URL is the only state, so a search is shareable and the back button restores it.
 */
export interface SearchState {
  q: string;
  category?: string;
  /** Minor units, inclusive. */
  minPrice?: number;
  maxPrice?: number;
  /** Only in-stock products (the toggle); absent means all. */
  inStock?: true;
  size: string[];
  colour: string[];
  sort?: SearchSort;
  /** The page after the first one (a link without JavaScript, or a shared later page). */
  cursor?: string;
}

export const SEARCH_PATH = '/search';

export const SEARCH_SORTS: readonly { value: SearchSort; label: string }[] = [
  { value: 'relevance', label: 'Best match' },
  { value: 'newest', label: 'Newest' },
  { value: 'price_asc', label: 'Price: low to high' },
  { value: 'price_desc', label: 'Price: high to low' },
];

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

function first(params: RawParams, name: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Every value of a repeated or comma-separated parameter (`size=M,L` or `size=M&size=L`), trimmed, without repeats. */
function list(params: RawParams, name: string): string[] {
  const raw = params instanceof URLSearchParams ? params.getAll(name) : [params[name] ?? []].flat();
  const values = raw.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v.length > 0);
  return [...new Set(values)];
}

function money(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,10}$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Reads the page's state from its URL. Lenient: a value the page could not have written (a
 * negative price, an unknown sort) is dropped rather than refused; the search service validates
 * what is sent and says which field is wrong.
 */
export function searchStateFrom(params: RawParams): SearchState {
  const state: SearchState = { q: (first(params, 'q') ?? '').trim(), size: list(params, 'size'), colour: list(params, 'colour') };
  const category = first(params, 'category')?.trim();
  if (category) state.category = category;
  const minPrice = money(first(params, 'minPrice'));
  const maxPrice = money(first(params, 'maxPrice'));
  if (minPrice !== undefined) state.minPrice = minPrice;
  if (maxPrice !== undefined) state.maxPrice = maxPrice;
  if (first(params, 'inStock') === 'true') state.inStock = true;
  const sort = SEARCH_SORTS.find((s) => s.value === first(params, 'sort'))?.value;
  if (sort && sort !== defaultSort(state.q)) state.sort = sort;
  const cursor = first(params, 'cursor');
  if (cursor) state.cursor = cursor;
  return state;
}

/** Relevance when there are words to rank by, newest otherwise (the service's own defaults). */
export function defaultSort(q: string): SearchSort {
  return q.trim() ? 'relevance' : 'newest';
}

export function effectiveSort(state: SearchState): SearchSort {
  return state.sort ?? defaultSort(state.q);
}

/** The page's URL for a state: parameters in one fixed order, defaults and empties left out. */
export function searchHref(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.category) params.set('category', state.category);
  if (state.minPrice !== undefined) params.set('minPrice', String(state.minPrice));
  if (state.maxPrice !== undefined) params.set('maxPrice', String(state.maxPrice));
  if (state.inStock) params.set('inStock', 'true');
  if (state.size.length > 0) params.set('size', state.size.join(','));
  if (state.colour.length > 0) params.set('colour', state.colour.join(','));
  if (state.sort && state.sort !== defaultSort(state.q)) params.set('sort', state.sort);
  if (state.cursor) params.set('cursor', state.cursor);
  const qs = params.toString();
  return qs ? `${SEARCH_PATH}?${qs}` : SEARCH_PATH;
}

export type SearchChange = Partial<Omit<SearchState, 'cursor'>> & { minPrice?: number | undefined; maxPrice?: number | undefined };

/**
 * The state after a change of the query, a filter or the sort. Any change starts again from the
 * first page (a cursor belongs to one query and sort: the service refuses it for another).
 */
export function changed(state: SearchState, change: SearchChange): SearchState {
  const next: SearchState = { ...state, ...change };
  delete next.cursor;
  for (const key of ['category', 'minPrice', 'maxPrice', 'inStock', 'sort'] as const) if (next[key] === undefined) delete next[key];
  if (next.sort === defaultSort(next.q)) delete next.sort;
  return next;
}

/** A list with the value added, or removed when it was there. */
export function toggled(values: readonly string[], value: string): string[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}

/** A price bucket of the facet ([from, to) in minor units) as the inclusive range the filter takes. */
export function bucketRange(bucket: { from: number; to: number | null }): { minPrice: number; maxPrice: number | undefined } {
  return { minPrice: bucket.from, maxPrice: bucket.to === null ? undefined : bucket.to - 1 };
}

export function isBucketSelected(state: SearchState, bucket: { from: number; to: number | null }): boolean {
  const range = bucketRange(bucket);
  return state.minPrice === range.minPrice && state.maxPrice === range.maxPrice;
}

/** Whether anything narrows the results besides the words. */
export function hasFilters(state: SearchState): boolean {
  return Boolean(state.category || state.minPrice !== undefined || state.maxPrice !== undefined || state.inStock || state.size.length || state.colour.length);
}

/** The gateway call for a state. */
export function searchParamsOf(state: SearchState, limit: number): SearchParams {
  return {
    q: state.q || undefined,
    category: state.category,
    minPrice: state.minPrice,
    maxPrice: state.maxPrice,
    inStock: state.inStock,
    size: state.size,
    colour: state.colour,
    sort: state.sort,
    limit,
    cursor: state.cursor,
  };
}

/** A price bucket's label: "Under €25.00", "€25.00 to €49.99", "€200.00 and over". */
export function bucketLabel(bucket: { from: number; to: number | null }, format: (amount: number) => string): string {
  if (bucket.to === null) return `${format(bucket.from)} and over`;
  if (bucket.from === 0) return `Under ${format(bucket.to)}`;
  return `${format(bucket.from)} to ${format(bucket.to - 1)}`;
}
