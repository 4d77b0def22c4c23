import type { estypes } from '@elastic/elasticsearch';
import type { SearchFacets, SearchHighlight, SearchHit, SearchResult } from '@shop/contracts';
import { encodeSearchCursor } from '../../domain/search-cursor.js';
import type { SearchDocument } from '../../domain/search-document.js';
import { assembleFacets } from '../../domain/search-facets.js';
import { DID_YOU_MEAN, type SearchPlan } from './search-request.js';

/** Below this many hits the result carries a "did you mean" when the index knows a better spelling. */
export const DID_YOU_MEAN_BELOW = 5;

/** `priceNow` is absent from documents written before it was indexed (until they are written again or rebuilt). */
export type HitSource = Pick<SearchDocument, 'productId' | 'slug' | 'title' | 'priceMin' | 'currency' | 'salePrice' | 'inStock' | 'image' | 'skus'> & Partial<Pick<SearchDocument, 'priceNow'>>;
export type SearchResponse = estypes.SearchResponse<HitSource>;

/** Highlight fields of the index → the contract's field, the word field before its prefix sub-field. */
const HIGHLIGHT_FIELDS: readonly [SearchHighlight['field'], readonly string[]][] = [
  ['title', ['title', 'title.prefix']],
  ['variant', ['variantNames', 'variantNames.prefix']],
  ['category', ['categoryNames', 'categoryNames.prefix']],
  ['sku', ['skus']],
  ['description', ['description']],
];

export function searchResultOf(response: SearchResponse, plan: SearchPlan): SearchResult {
  const hits = response.hits.hits;
  const page = hits.slice(0, plan.limit);
  const last = page.at(-1);
  const total = totalOf(response.hits.total);
  const suggestion = didYouMeanOf(response, plan, total);
  return {
    items: page.map(hitOf),
    total,
    facets: facetsOf(response.aggregations, plan),
    nextCursor: hits.length > plan.limit && last ? cursorAfter(last, plan) : null,
    ...(suggestion ? { didYouMean: suggestion } : {}),
  };
}

function totalOf(total: estypes.SearchTotalHits | number | undefined): number {
  if (total === undefined) return 0;
  return typeof total === 'number' ? total : total.value;
}

export function hitOf(hit: estypes.SearchHit<HitSource>): SearchHit {
  const source = hit._source;
  if (!source) throw new Error(`Elasticsearch returned hit ${hit._id ?? '?'} without its source`);
  return {
    id: source.productId,
    slug: source.slug,
    title: source.title,
    price: { amount: source.priceMin, currency: source.currency },
    priceNow: { amount: source.priceNow ?? source.salePrice ?? source.priceMin, currency: source.currency },
    ...(source.salePrice !== null && source.salePrice !== undefined ? { salePrice: { amount: source.salePrice, currency: source.currency } } : {}),
    inStock: source.inStock,
    image: source.image ?? null,
    highlights: highlightsOf(hit.highlight),
    skus: source.skus ?? [],
  };
}

/** One snippet per contract field, in the order title, variant, category, sku, description. */
export function highlightsOf(highlight: Record<string, string[]> | undefined): SearchHighlight[] {
  if (!highlight) return [];
  const out: SearchHighlight[] = [];
  for (const [field, sources] of HIGHLIGHT_FIELDS) {
    const snippet = sources.map((name) => highlight[name]?.[0]).find((s) => s !== undefined);
    if (snippet !== undefined) out.push({ field, snippet: withPlainEscapes(snippet) });
  }
  return out;
}

/**
 * Lucene's `html` encoder also escapes "/" (&#x2F;), "'" (&#x27;) and every non-ASCII UTF-16 unit
 * (&#233;): bring a snippet to the escapes the Postgres engine uses (& < > " ' only), so the
 * storefront sees one format. Unambiguous: a literal "&#…;" in the text arrives as "&amp;#…;".
 */
export function withPlainEscapes(snippet: string): string {
  return snippet
    .replace(/&#(\d+);/g, (entity, code: string) => (Number(code) >= 128 ? String.fromCharCode(Number(code)) : entity))
    .replaceAll('&#x2F;', '/')
    .replaceAll('&#x27;', '&#39;');
}

function cursorAfter(hit: estypes.SearchHit<HitSource>, plan: SearchPlan): string {
  const [value, productId] = hit.sort ?? [];
  if (typeof value !== 'number' || typeof productId !== 'string') {
    throw new Error(`Elasticsearch returned sort values ${JSON.stringify(hit.sort)} for ${plan.sort}; expected [number, productId]`);
  }
  return encodeSearchCursor(plan.tag, { value, productId });
}

interface KeyedBucket {
  key: string | number;
  doc_count: number;
}

function bucketsOf(aggregations: Record<string, estypes.AggregationsAggregate> | undefined, name: string): KeyedBucket[] {
  const aggregate = aggregations?.[name] as { buckets?: KeyedBucket[] | Record<string, KeyedBucket> } | undefined;
  const buckets = aggregate?.buckets;
  if (!buckets) return [];
  return Array.isArray(buckets) ? buckets : Object.values(buckets);
}

const countsOf = (buckets: KeyedBucket[]) => new Map(buckets.map((b) => [String(b.key), b.doc_count]));

/** The aggregations' counts in the contract's shape and order (domain/search-facets.ts, shared with the Postgres engine). */
export function facetsOf(aggregations: Record<string, estypes.AggregationsAggregate> | undefined, plan: SearchPlan): SearchFacets {
  // Range buckets come back in request order, i.e. PRICE_BUCKETS order: bucket i is PRICE_BUCKETS[i].
  const price = new Map(bucketsOf(aggregations, 'price').map((b, i) => [i, b.doc_count]));
  return assembleFacets(
    {
      category: countsOf(bucketsOf(aggregations, 'category')),
      price,
      size: countsOf(bucketsOf(aggregations, 'size')),
      colour: countsOf(bucketsOf(aggregations, 'colour')),
    },
    plan.facetCategories,
  );
}

function didYouMeanOf(response: SearchResponse, plan: SearchPlan, total: number): string | undefined {
  if (plan.words.length === 0 || total >= DID_YOU_MEAN_BELOW) return undefined;
  const suggestions = response.suggest?.[DID_YOU_MEAN] ?? [];
  const options = suggestions[0]?.options;
  const best = Array.isArray(options) ? options[0] : options;
  const text = best && 'text' in best ? best.text : undefined;
  if (!text || text === plan.words.join(' ')) return undefined;
  return text;
}
