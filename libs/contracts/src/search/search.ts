import { z } from 'zod';
import { Cursor, QueryInt } from '../common/pagination.js';
import { Money } from '../common/money.js';
import { Id, Sku, Slug } from '../catalog/catalog.js';

/**
 * Search (GET /api/search, GET /api/search/suggest — public, through the gateway).
 *
 * Prices are integer minor units of the shop's currency. A product's price now is the lowest
 * price a shopper not signed in pays for one of its variants — a live flash sale's, else pricing's
 * price for everyone (a scheduled, demand or general price-list price), else the list price: what
 * a product card shows as "from". The price filter, the price facet and the price sorts all use
 * it, so every product falls in exactly one price bucket. Promotions the cart applies are not in it.
 */
export const SearchSort = z.enum(['relevance', 'price_asc', 'price_desc', 'newest']);
export type SearchSort = z.infer<typeof SearchSort>;

/** A comma-separated list in a query string: "M,L" → ["M", "L"]; values are trimmed, empty ones dropped. */
const FacetValues = z
  .string()
  .max(400, 'must be at most 400 characters')
  .transform((raw) => raw.split(',').map((v) => v.trim()).filter((v) => v.length > 0))
  .pipe(z.array(z.string().max(80, 'each value must be at most 80 characters')).max(20, 'must name at most 20 values'));

const QueryBool = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

export const SearchQuery = z
  .object({
    /** Free text; empty lists everything (with the filters), newest first unless a sort is given. */
    q: z.string().trim().max(200, 'must be at most 200 characters').default(''),
    /** A category slug: matches products in it or any category below it. */
    category: Slug.optional(),
    minPrice: QueryInt(0, 1_000_000_000).optional(),
    maxPrice: QueryInt(0, 1_000_000_000).optional(),
    inStock: QueryBool.optional(),
    /** Any of these sizes (a variant attribute `size`), e.g. `size=M,L`. */
    size: FacetValues.optional(),
    /** Any of these colours (a variant attribute `colour` or `color`), e.g. `colour=Navy,Black`. */
    colour: FacetValues.optional(),
    /** `relevance` (default with text), `price_asc`, `price_desc`, `newest` (default without text). */
    sort: SearchSort.optional(),
    limit: QueryInt(1, 100).default(24),
    /** Opaque: the `nextCursor` of the previous page of the same query. */
    cursor: Cursor.optional(),
  })
  .strict()
  .refine((q) => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice, {
    path: ['maxPrice'],
    message: 'must not be below minPrice',
  });
export type SearchQueryInput = z.input<typeof SearchQuery>;
export type SearchQuery = z.infer<typeof SearchQuery>;

/** Where a query's words were found, the words wrapped in <mark>…</mark>; everything else is HTML-escaped. */
export const SearchHighlight = z.object({
  field: z.enum(['title', 'description', 'variant', 'category', 'sku']),
  snippet: z.string(),
});
export type SearchHighlight = z.infer<typeof SearchHighlight>;

export const SearchHit = z.object({
  id: Id,
  slug: Slug,
  title: z.string(),
  /** The lowest variant list price (the catalog's). */
  price: Money,
  /** The product's price now (see the top of this file): what the card shows, and what results are sorted and filtered by. */
  priceNow: Money,
  /** `priceNow` when it is below `price` (a sale: the card strikes `price` through). */
  salePrice: Money.optional(),
  /** Whether any variant has stock available. */
  inStock: z.boolean(),
  /** The first image's URL, or null. */
  image: z.string().nullable(),
  highlights: z.array(SearchHighlight),
  /**
   * The product's variant SKUs, so a page can ask pricing about them (the promotions the cart
   * takes off).
   */
  skus: z.array(Sku),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const FacetCount = z.object({ value: z.string(), count: z.number().int() });
export const CategoryFacetCount = FacetCount.extend({ label: z.string() });
/** A price bucket [from, to) in minor units; `to` null is open-ended. */
export const PriceFacetCount = z.object({ from: z.number().int(), to: z.number().int().nullable(), count: z.number().int() });

/** The price buckets of the price facet, in minor units: [0, 2,500), [2,500, 5,000), ... [20,000, ∞). */
export const PRICE_BUCKETS: readonly { from: number; to: number | null }[] = [
  { from: 0, to: 2_500 },
  { from: 2_500, to: 5_000 },
  { from: 5_000, to: 10_000 },
  { from: 10_000, to: 20_000 },
  { from: 20_000, to: null },
];

/**
 * Facets count the products matching the query with every filter applied (they describe the
 * results on screen): price buckets always add up to `total`. `category` lists the categories one
 * level below the filtered category (the roots without a category filter) that hold matches;
 * a product in two of them counts in both. `size` and `colour` count products with at least one
 * variant of that value. Zero counts are left out; categories by count then label, sizes and
 * colours by count then value.
 */
export const SearchFacets = z.object({
  category: z.array(CategoryFacetCount),
  price: z.array(PriceFacetCount),
  size: z.array(FacetCount),
  colour: z.array(FacetCount),
});
export type SearchFacets = z.infer<typeof SearchFacets>;

export const SearchResult = z.object({
  items: z.array(SearchHit),
  total: z.number().int(),
  facets: SearchFacets,
  nextCursor: z.string().nullable(),
  /** A spelling the index knows, when the query found little (the storefront's "did you mean"). */
  didYouMean: z.string().optional(),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const SuggestQuery = z
  .object({
    q: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    limit: QueryInt(1, 20).default(8),
  })
  .strict();
export type SuggestQuery = z.infer<typeof SuggestQuery>;

/** A completion: a product title (with its slug) or a category name (without). */
export const Suggestion = z.object({ text: z.string(), slug: Slug.optional() });
export const SuggestResult = z.object({ suggestions: z.array(Suggestion) });
export type SuggestResult = z.infer<typeof SuggestResult>;

/** POST /api/admin/search/reindex → 202; GET /api/admin/search/reindex → the last run's progress. */
export const ReindexStatus = z.object({
  state: z.enum(['idle', 'running', 'done', 'failed']),
  engine: z.enum(['postgres', 'elasticsearch']),
  indexed: z.number().int(),
  /** Products to index: an estimate while running (the live index's count; the catalog's listing has no count; null for an empty index), the number indexed once done. */
  total: z.number().int().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type ReindexStatus = z.infer<typeof ReindexStatus>;
