import { Failed, FailureCode, SearchQuery, type SearchQueryInput } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { CategoryTree } from '../../domain/category-tree.js';
import { cursorTag, encodeSearchCursor } from '../../domain/search-cursor.js';
import { planSearch, queryWords } from './search-request.js';

const ref = (id: string, parentId: string | null, name: string) => ({ id, slug: id, name, parentId });
const categories = new CategoryTree([
  ref('clothing', null, 'Clothing'),
  ref('tees', 'clothing', 'T-shirts'),
  ref('hoodies', 'clothing', 'Hoodies'),
  ref('home', null, 'Home'),
]);
const query = (input: SearchQueryInput) => SearchQuery.parse(input);
const P1 = 'a0000000-0000-4000-8000-000000000001';
const P7 = 'a0000000-0000-4000-8000-000000000007';

const WORD_FIELDS = ['title^6', 'variantNames^3', 'categoryNames^3', 'attributeText^2', 'description^1'];
const PREFIX_FIELDS = ['title.prefix^6', 'variantNames.prefix^3', 'categoryNames.prefix^3', 'attributeText.prefix^2'];
const wordClauses = (word: string) => [
  { multi_match: { query: word, fields: WORD_FIELDS, type: 'best_fields' } },
  { multi_match: { query: word, fields: WORD_FIELDS, type: 'best_fields', fuzziness: 'AUTO', prefix_length: 1, boost: 0.5 } },
  { match: { skus: { query: word, boost: 3 } } },
];

function collectKeys(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) collectKeys(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      collectKeys(inner, into);
    }
  }
}

function refusal(run: () => unknown): { field: string; reason: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(Failed);
    const failed = error as Failed;
    expect(failed.code).toBe(FailureCode.VALIDATION_FAILED);
    return failed.failure.details as { field: string; reason: string }[];
  }
  throw new Error('expected a refusal');
}

describe('planSearch', () => {
  it('builds the whole request of a text query with filters, a sort and a cursor', () => {
    const base = query({ q: 'organc cotton', category: 'clothing', minPrice: '1000', maxPrice: '5000', inStock: 'true', size: 'M,L', colour: 'Navy', sort: 'price_asc', limit: '2' });
    const cursor = encodeSearchCursor(cursorTag(base, 'price_asc'), { value: 2500, productId: P7 });
    const plan = planSearch('shop-products', { ...base, cursor }, categories);

    expect(plan.sort).toBe('price_asc');
    expect(plan.words).toEqual(['organc', 'cotton']);
    expect(plan.facetCategories.map((c) => c.id)).toEqual(['hoodies', 'tees']);
    expect(plan.request).toEqual({
      index: 'shop-products',
      size: 3,
      track_total_hits: true,
      _source: ['productId', 'slug', 'title', 'priceMin', 'priceNow', 'currency', 'salePrice', 'inStock', 'image', 'skus'],
      query: {
        bool: {
          must: [
            {
              bool: {
                should: [
                  {
                    bool: {
                      must: [
                        { bool: { should: wordClauses('organc'), minimum_should_match: 1 } },
                        {
                          bool: {
                            should: [...wordClauses('cotton'), { multi_match: { query: 'cotton', fields: PREFIX_FIELDS, type: 'best_fields', boost: 0.8 } }],
                            minimum_should_match: 1,
                          },
                        },
                      ],
                    },
                  },
                  { match: { skus: { query: 'organc cotton', boost: 3 } } },
                ],
                minimum_should_match: 1,
              },
            },
          ],
          should: [
            { term: { 'title.exact': { value: 'organc cotton', boost: 50 } } },
            { match_phrase: { title: { query: 'organc cotton', boost: 4 } } },
          ],
          filter: [
            { term: { categoryIds: 'clothing' } },
            { range: { priceNow: { gte: 1000, lte: 5000 } } },
            { term: { inStock: true } },
            { terms: { 'attributes.size': ['M', 'L'] } },
            { terms: { 'attributes.colour': ['Navy'] } },
          ],
        },
      },
      sort: [{ priceNow: { order: 'asc' } }, { productId: { order: 'asc' } }],
      search_after: [2500, P7],
      aggs: {
        category: { terms: { field: 'categoryIds', include: ['hoodies', 'tees'], size: 2 } },
        price: {
          range: {
            field: 'priceNow',
            ranges: [{ from: 0, to: 2500 }, { from: 2500, to: 5000 }, { from: 5000, to: 10000 }, { from: 10000, to: 20000 }, { from: 20000 }],
          },
        },
        size: { terms: { field: 'attributes.size', size: 100 } },
        colour: { terms: { field: 'attributes.colour', size: 100 } },
      },
      highlight: {
        pre_tags: ['<mark>'],
        post_tags: ['</mark>'],
        encoder: 'html',
        fields: {
          title: { number_of_fragments: 0 },
          'title.prefix': { number_of_fragments: 0 },
          variantNames: { number_of_fragments: 0 },
          'variantNames.prefix': { number_of_fragments: 0 },
          categoryNames: { number_of_fragments: 0 },
          'categoryNames.prefix': { number_of_fragments: 0 },
          skus: { number_of_fragments: 0 },
          description: { number_of_fragments: 1, fragment_size: 160 },
        },
      },
      suggest: {
        didYouMean: {
          text: 'organc cotton',
          phrase: {
            field: 'spelling',
            size: 1,
            gram_size: 1,
            max_errors: 2,
            direct_generator: [{ field: 'spelling', suggest_mode: 'missing', prefix_length: 1, min_word_length: 3 }],
          },
        },
      },
    });
  });

  it('lists everything newest first without text: no scoring clauses, highlights or suggester; root categories as facets', () => {
    const plan = planSearch('shop-products', query({}), categories);
    expect(plan.sort).toBe('newest');
    expect(plan.request.query).toEqual({ bool: { filter: [] } });
    expect(plan.request.sort).toEqual([{ createdAt: { order: 'desc' } }, { productId: { order: 'asc' } }]);
    expect(plan.request).not.toHaveProperty('highlight');
    expect(plan.request).not.toHaveProperty('suggest');
    expect(plan.request).not.toHaveProperty('search_after');
    expect(plan.request.size).toBe(25);
    expect(plan.facetCategories.map((c) => c.id)).toEqual(['clothing', 'home']);
  });

  it('sorts by relevance by default with text, tie-broken by productId; price_desc and an explicit sort are honoured', () => {
    expect(planSearch('i', query({ q: 'tee' }), categories).request.sort).toEqual([{ _score: { order: 'desc' } }, { productId: { order: 'asc' } }]);
    expect(planSearch('i', query({ q: 'tee', sort: 'price_desc' }), categories).request.sort).toEqual([
      { priceNow: { order: 'desc' } },
      { productId: { order: 'asc' } },
    ]);
    expect(planSearch('i', query({ q: 'tee', sort: 'newest' }), categories).sort).toBe('newest');
  });

  it('matches nothing for an unknown category slug and offers no category facet', () => {
    const plan = planSearch('i', query({ category: 'no-such-category' }), categories);
    expect(plan.request.query).toEqual({ bool: { filter: [{ match_none: {} }] } });
    expect(plan.request.aggs).not.toHaveProperty('category');
    expect(plan.facetCategories).toEqual([]);
  });

  it('leaves a leaf category without a category facet but keeps the others', () => {
    const plan = planSearch('i', query({ category: 'tees' }), categories);
    expect(Object.keys(plan.request.aggs ?? {})).toEqual(['price', 'size', 'colour']);
  });

  it('passes a one-sided price range as one bound', () => {
    const plan = planSearch('i', query({ minPrice: '300' }), categories);
    expect(plan.request.query).toEqual({ bool: { filter: [{ range: { priceNow: { gte: 300 } } }] } });
    const inStockFalse = planSearch('i', query({ inStock: 'false' }), categories);
    expect(inStockFalse.request.query).toEqual({ bool: { filter: [{ term: { inStock: false } }] } });
  });

  it('never turns user text into query syntax: only match-family queries and suggester text carry it', () => {
    const hostile = 'title:* OR (description:"x") AND /.*/ \\ {"script":1} <b>';
    const plan = planSearch('i', query({ q: hostile, size: '*,M?', colour: 'a OR b' }), categories);
    const kinds = new Set<string>();
    collectKeys(plan.request, kinds);
    for (const kind of ['query_string', 'simple_query_string', 'wildcard', 'regexp', 'script', 'prefix', 'fuzzy', 'intervals']) {
      expect(kinds.has(kind)).toBe(false);
    }
    // Punctuation separates words, as the standard tokenizer does: the words are plain text.
    expect(plan.words).toEqual(['title', 'or', 'description', 'x', 'and', 'script', '1', 'b']);
    // Facet values are exact keyword terms.
    expect(plan.request.query?.bool?.filter).toEqual([{ terms: { 'attributes.size': ['*', 'M?'] } }, { terms: { 'attributes.colour': ['a OR b'] } }]);
    // Where the whole text is used, it is the literal value of a term, a match or the suggester.
    const mustText = JSON.stringify(plan.request.query?.bool?.should);
    expect(mustText).toContain(JSON.stringify(hostile));
  });

  it('caps the number of words a query expands to', () => {
    expect(queryWords(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '))).toHaveLength(12);
    expect(queryWords('  Crème   brûlée--T-shirt ')).toEqual(['creme', 'brulee', 't', 'shirt']);
  });
});

describe('the cursor', () => {
  const base = query({ q: 'tee', sort: 'price_asc' });
  const cursorOf = (q: SearchQuery, value = 1200, productId = P1) => encodeSearchCursor(cursorTag(q, q.sort ?? 'relevance'), { value, productId });

  it('is opaque base64url and round-trips to search_after, whatever the page size', () => {
    const cursor = cursorOf(base);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const plan = planSearch('i', { ...base, limit: 50, cursor }, categories);
    expect(plan.request.search_after).toEqual([1200, P1]);
  });

  it('is refused, naming cursor, for another sort, another text or another filter', () => {
    const cursor = cursorOf(base);
    for (const other of [
      query({ q: 'tee', sort: 'price_desc' }),
      query({ q: 'tees', sort: 'price_asc' }),
      query({ q: 'tee', sort: 'price_asc', inStock: 'true' }),
      query({ q: 'tee', sort: 'price_asc', category: 'tees' }),
    ]) {
      expect(refusal(() => planSearch('i', { ...other, cursor }, categories))).toEqual([
        { field: 'cursor', reason: 'is not a cursor of this search (its text, filters or sort differ)' },
      ]);
    }
  });

  it('is refused, naming cursor, when it is not one of ours', () => {
    const garbage = ['not-base64!', Buffer.from('{"a":1}').toString('base64url'), Buffer.from(JSON.stringify([cursorTag(base, 'price_asc'), 'x', P1])).toString('base64url')];
    for (const cursor of garbage) {
      const details = refusal(() => planSearch('i', { ...base, cursor }, categories));
      expect(details.map((d) => d.field)).toEqual(['cursor']);
    }
  });
});
