import { SearchQuery, SearchResult, type SearchQueryInput } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { CategoryTree } from '../../domain/category-tree.js';
import { planSearch } from './search-request.js';
import { type HitSource, highlightsOf, searchResultOf, type SearchResponse } from './search-response.js';

const ref = (id: string, parentId: string | null, name: string) => ({ id, slug: `${id}-slug`, name, parentId });
const categories = new CategoryTree([
  ref('clothing', null, 'Clothing'),
  ref('tees', 'clothing', 'T-shirts'),
  ref('hoodies', 'clothing', 'Hoodies'),
  ref('caps', 'clothing', 'Caps'),
  ref('home', null, 'Home'),
]);
const query = (input: SearchQueryInput) => SearchQuery.parse(input);

/** Product ids are UUIDs in the contract: p-1 → …-000000000001. */
const id = (key: string) => `00000000-0000-4000-8000-${key.replace(/\D/g, '').padStart(12, '0')}`;

const source = (key: string, extra: Partial<HitSource> = {}): HitSource => ({
  productId: id(key),
  slug: `slug-${key}`,
  title: `Title ${key}`,
  priceMin: 1999,
  priceNow: 1999,
  currency: 'EUR',
  salePrice: null,
  inStock: true,
  image: null,
  skus: [`SKU-${key.toUpperCase()}`],
  ...extra,
});

function response(parts: {
  hits: { _source: HitSource; sort: (number | string)[]; highlight?: Record<string, string[]> }[];
  total: number;
  aggregations?: Record<string, unknown>;
  suggestion?: string;
}): SearchResponse {
  return {
    took: 3,
    timed_out: false,
    _shards: { total: 1, successful: 1, failed: 0 },
    hits: {
      total: { value: parts.total, relation: 'eq' },
      hits: parts.hits.map((hit) => ({ _index: 'shop-products-1', _id: hit._source.productId, ...hit })),
    },
    aggregations: parts.aggregations as SearchResponse['aggregations'],
    ...(parts.suggestion !== undefined
      ? { suggest: { didYouMean: [{ text: 'x', offset: 0, length: 1, options: [{ text: parts.suggestion, score: 0.5 }] }] } }
      : {}),
  } as SearchResponse;
}

describe('searchResultOf', () => {
  it('maps hits (price, sale price, stock, image), one more hit than the page into a cursor for the next page', () => {
    const plan = planSearch('i', query({ q: 'tee', sort: 'price_asc', limit: '2' }), categories);
    const result = searchResultOf(
      response({
        total: 3,
        hits: [
          { _source: source('p-1', { priceNow: 1500, salePrice: 1500, image: 'https://img/p-1.jpg' }), sort: [1500, id('p-1')] },
          { _source: source('p-2', { inStock: false, priceMin: 2400, priceNow: 2400 }), sort: [2400, id('p-2')] },
          { _source: source('p-3', { priceMin: 2600, priceNow: 2600 }), sort: [2600, id('p-3')] },
        ],
      }),
      plan,
    );
    expect(SearchResult.parse(result)).toEqual(result);
    expect(result.items).toEqual([
      {
        id: id('p-1'),
        slug: 'slug-p-1',
        title: 'Title p-1',
        price: { amount: 1999, currency: 'EUR' },
        priceNow: { amount: 1500, currency: 'EUR' },
        salePrice: { amount: 1500, currency: 'EUR' },
        inStock: true,
        image: 'https://img/p-1.jpg',
        highlights: [],
        skus: ['SKU-P-1'],
      },
      {
        id: id('p-2'),
        slug: 'slug-p-2',
        title: 'Title p-2',
        price: { amount: 2400, currency: 'EUR' },
        priceNow: { amount: 2400, currency: 'EUR' },
        inStock: false,
        image: null,
        highlights: [],
        skus: ['SKU-P-2'],
      },
    ]);
    expect(result.total).toBe(3);
    // The next page starts after the last hit shown (p-2), not after the extra one.
    const next = planSearch('i', { ...query({ q: 'tee', sort: 'price_asc', limit: '2' }), cursor: result.nextCursor ?? undefined }, categories);
    expect(next.request.search_after).toEqual([2400, id('p-2')]);
  });

  it('takes the price now of a document written before it was indexed from its sale price, else its lowest list price', () => {
    const plan = planSearch('i', query({ limit: '5' }), categories);
    const legacy = (key: string, extra: Partial<HitSource>) => {
      const { priceNow: _dropped, ...rest } = source(key, extra);
      return rest;
    };
    const result = searchResultOf(
      response({
        total: 2,
        hits: [
          { _source: legacy('p-1', { salePrice: 1500 }), sort: [1, id('p-1')] },
          { _source: legacy('p-2', {}), sort: [2, id('p-2')] },
        ],
      }),
      plan,
    );
    expect(result.items.map((hit) => hit.priceNow.amount)).toEqual([1500, 1999]);
  });

  it('has no next cursor on the last page', () => {
    const plan = planSearch('i', query({ limit: '2' }), categories);
    const result = searchResultOf(response({ total: 1, hits: [{ _source: source('p-1'), sort: [1_700_000_000_000, id('p-1')] }] }), plan);
    expect(result.nextCursor).toBeNull();
    expect(result.facets).toEqual({ category: [], price: [], size: [], colour: [] });
  });

  it('shapes facets by the contract: children of the filter by slug with labels, zero counts out, by count then label/value, price buckets in order', () => {
    const plan = planSearch('i', query({ category: 'clothing-slug' }), categories);
    const result = searchResultOf(
      response({
        total: 6,
        hits: [],
        aggregations: {
          category: {
            buckets: [
              { key: 'tees', doc_count: 2 },
              { key: 'hoodies', doc_count: 4 },
              { key: 'caps', doc_count: 2 },
              { key: 'home', doc_count: 9 }, // not a child of the filter: never listed
            ],
          },
          price: {
            buckets: [
              { key: '0.0-2500.0', from: 0, to: 2500, doc_count: 3 },
              { key: '2500.0-5000.0', from: 2500, to: 5000, doc_count: 0 },
              { key: '5000.0-10000.0', from: 5000, to: 10000, doc_count: 1 },
              { key: '10000.0-20000.0', from: 10000, to: 20000, doc_count: 0 },
              { key: '20000.0-*', from: 20000, doc_count: 2 },
            ],
          },
          size: { buckets: [{ key: 'S', doc_count: 1 }, { key: 'M', doc_count: 3 }, { key: 'L', doc_count: 3 }] },
          colour: { buckets: [{ key: 'Navy', doc_count: 2 }, { key: 'Black', doc_count: 2 }, { key: 'Red', doc_count: 0 }] },
        },
      }),
      plan,
    );
    expect(result.facets).toEqual({
      category: [
        { value: 'hoodies-slug', label: 'Hoodies', count: 4 },
        { value: 'caps-slug', label: 'Caps', count: 2 },
        { value: 'tees-slug', label: 'T-shirts', count: 2 },
      ],
      price: [
        { from: 0, to: 2500, count: 3 },
        { from: 5000, to: 10000, count: 1 },
        { from: 20000, to: null, count: 2 },
      ],
      size: [
        { value: 'L', count: 3 },
        { value: 'M', count: 3 },
        { value: 'S', count: 1 },
      ],
      colour: [
        { value: 'Black', count: 2 },
        { value: 'Navy', count: 2 },
      ],
    });
    expect(result.facets.price.reduce((sum, b) => sum + b.count, 0)).toBe(result.total);
  });

  it('offers a spelling only when the query found little and the spelling differs', () => {
    const plan = planSearch('i', query({ q: 'organc cotton' }), categories);
    expect(searchResultOf(response({ total: 0, hits: [], suggestion: 'organic cotton' }), plan).didYouMean).toBe('organic cotton');
    expect(searchResultOf(response({ total: 0, hits: [], suggestion: 'organc cotton' }), plan)).not.toHaveProperty('didYouMean');
    const many = Array.from({ length: 5 }, (_, i) => ({ _source: source(`p-${i}`), sort: [1, id(`p-${i}`)] }));
    expect(searchResultOf(response({ total: 5, hits: many, suggestion: 'organic cotton' }), plan)).not.toHaveProperty('didYouMean');
  });

  it('refuses a hit without its source or sort values rather than inventing them', () => {
    const plan = planSearch('i', query({ limit: '1' }), categories);
    const broken = response({ total: 2, hits: [{ _source: source('p-1'), sort: [] }, { _source: source('p-2'), sort: [] }] });
    expect(() => searchResultOf(broken, plan)).toThrow(/sort values/);
  });
});

describe('highlightsOf', () => {
  it('keeps one snippet per field in the contract order, the word field before its prefix sub-field', () => {
    expect(
      highlightsOf({
        description: ['Soft <mark>organic</mark> cotton &amp; more'],
        'title.prefix': ['<mark>Tees</mark> pack'],
        'categoryNames.prefix': ['<mark>T</mark>-shirts'],
        categoryNames: ['<mark>T-shirts</mark>'],
        variantNames: ['Navy / M', 'ignored second'],
        skus: ['<mark>TS-NAVY-M</mark>'],
      }),
    ).toEqual([
      { field: 'title', snippet: '<mark>Tees</mark> pack' },
      { field: 'variant', snippet: 'Navy / M' },
      { field: 'category', snippet: '<mark>T-shirts</mark>' },
      { field: 'sku', snippet: '<mark>TS-NAVY-M</mark>' },
      { field: 'description', snippet: 'Soft <mark>organic</mark> cotton &amp; more' },
    ]);
    expect(highlightsOf(undefined)).toEqual([]);
  });

  it('brings Lucene\'s html escapes to the plain ones: / and non-ASCII as written, \' as &#39;', () => {
    expect(highlightsOf({ title: ['<mark>Cr&#232;me</mark> &amp; Chef&#x27;s &#x2F; &#55357;&#56832; &amp;#x2F; &lt;b&gt;'] })).toEqual([
      { field: 'title', snippet: '<mark>Crème</mark> &amp; Chef&#39;s / 😀 &amp;#x2F; &lt;b&gt;' },
    ]);
  });
});
