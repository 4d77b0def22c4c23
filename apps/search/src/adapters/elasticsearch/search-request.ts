import type { estypes } from '@elastic/elasticsearch';
import { PRICE_BUCKETS, type SearchQuery, type SearchSort } from '@shop/contracts';
import { validationFailed } from '@shop/service-kit';
import type { CategoryDirectory, CategoryRef } from '../../domain/category-tree.js';
import { cursorTag, decodeSearchCursor, effectiveSort } from '../../domain/search-cursor.js';
import { facetCategories as facetCategoriesOf } from '../../domain/search-facets.js';
import { foldedWords } from '../../domain/search-text.js';

/**
 * Turns a SearchQuery into one Elasticsearch `_search` request: the hits of the page, the exact
 * total, every facet and the "did you mean" suggestion in one round trip.
 *
 * User text only ever reaches Elasticsearch as the text of `match`-family queries and of the
 * suggester (analyzed, never parsed): no `query_string`, wildcard or regexp is built from input,
 * so query syntax in `q` is just more words.
 */

/** Field boosts: title > variant names, SKUs, category names > attributes > description. */
export const BOOST = { title: 6, variant: 3, sku: 3, category: 3, attribute: 2, description: 1 } as const;
/** An exact (folded) title match outranks any combination of word matches. */
export const EXACT_TITLE_BOOST = 50;
export const TITLE_PHRASE_BOOST = 4;
/** Typo and prefix matches count less than the word itself. */
export const FUZZY_WEIGHT = 0.5;
export const PREFIX_WEIGHT = 0.8;
/** Words of a query beyond this are ignored (each word costs a few clauses). */
export const MAX_QUERY_WORDS = 12;
/** Values per size/colour facet. */
export const FACET_VALUES = 100;

const WORD_FIELDS = [
  `title^${BOOST.title}`,
  `variantNames^${BOOST.variant}`,
  `categoryNames^${BOOST.category}`,
  `attributeText^${BOOST.attribute}`,
  `description^${BOOST.description}`,
];
const PREFIX_FIELDS = [
  `title.prefix^${BOOST.title}`,
  `variantNames.prefix^${BOOST.variant}`,
  `categoryNames.prefix^${BOOST.category}`,
  `attributeText.prefix^${BOOST.attribute}`,
];

/** What a hit's `_source` must hold for a SearchHit. */
export const HIT_SOURCE_FIELDS = ['productId', 'slug', 'title', 'priceMin', 'priceNow', 'currency', 'salePrice', 'inStock', 'image', 'skus'];

export interface SearchPlan {
  request: estypes.SearchRequest;
  sort: SearchSort;
  /** The tag of this query's cursors (domain/search-cursor.ts). */
  tag: string;
  limit: number;
  /** The categories the category facet may list, in the tree's order. */
  facetCategories: CategoryRef[];
  /** The query's words (empty: no text). */
  words: string[];
}

/** The query's folded words, as the standard tokenizer cuts them: letters and digits, everything else separates. */
export function queryWords(q: string): string[] {
  return foldedWords(q).slice(0, MAX_QUERY_WORDS);
}

export function planSearch(index: string, query: SearchQuery, categories: CategoryDirectory): SearchPlan {
  const words = queryWords(query.q);
  const sort = effectiveSort(query, words.length > 0);
  const tag = cursorTag(query, sort);
  const after = query.cursor === undefined ? undefined : decodeSearchCursor(query.cursor, tag);
  if (query.cursor !== undefined && after === undefined) {
    throw validationFailed([{ field: 'cursor', reason: 'is not a cursor of this search (its text, filters or sort differ)' }]);
  }

  const category = query.category === undefined ? undefined : categories.bySlug(query.category);
  const unknownCategory = query.category !== undefined && category === undefined;
  const facetCategories = unknownCategory ? [] : facetCategoriesOf(categories, category);

  const request: estypes.SearchRequest = {
    index,
    size: query.limit + 1, // one more than the page: whether there is a next page
    track_total_hits: true,
    _source: HIT_SOURCE_FIELDS,
    query: {
      bool: {
        ...(words.length > 0 ? { must: [textQuery(query.q.trim(), words)], should: titleBoosts(query.q.trim()) } : {}),
        filter: filters(query, category, unknownCategory),
      },
    },
    sort: sortOf(sort),
    ...(after ? { search_after: [after.value, after.productId] } : {}),
    aggs: aggregations(facetCategories),
    ...(words.length > 0 ? { highlight: highlight(), suggest: didYouMean(query.q.trim()) } : {}),
  };
  return { request, sort, tag, limit: query.limit, facetCategories, words };
}

/** Every word must match somewhere (as itself, with a typo, or — the last one — as a prefix), or the whole text is a SKU. */
function textQuery(text: string, words: string[]): estypes.QueryDslQueryContainer {
  const allWords: estypes.QueryDslQueryContainer = {
    bool: { must: words.map((word, i) => wordQuery(word, i === words.length - 1)) },
  };
  return { bool: { should: [allWords, { match: { skus: { query: text, boost: BOOST.sku } } }], minimum_should_match: 1 } };
}

function wordQuery(word: string, last: boolean): estypes.QueryDslQueryContainer {
  const should: estypes.QueryDslQueryContainer[] = [
    { multi_match: { query: word, fields: WORD_FIELDS, type: 'best_fields' } },
    { multi_match: { query: word, fields: WORD_FIELDS, type: 'best_fields', fuzziness: 'AUTO', prefix_length: 1, boost: FUZZY_WEIGHT } },
    { match: { skus: { query: word, boost: BOOST.sku } } },
  ];
  // Search-as-you-type: the word being typed matches the words it begins.
  if (last) should.push({ multi_match: { query: word, fields: PREFIX_FIELDS, type: 'best_fields', boost: PREFIX_WEIGHT } });
  return { bool: { should, minimum_should_match: 1 } };
}

function titleBoosts(text: string): estypes.QueryDslQueryContainer[] {
  return [
    { term: { 'title.exact': { value: text, boost: EXACT_TITLE_BOOST } } },
    { match_phrase: { title: { query: text, boost: TITLE_PHRASE_BOOST } } },
  ];
}

function filters(query: SearchQuery, category: CategoryRef | undefined, unknownCategory: boolean): estypes.QueryDslQueryContainer[] {
  const out: estypes.QueryDslQueryContainer[] = [];
  // An unknown category slug matches nothing (rather than everything).
  if (unknownCategory) out.push({ match_none: {} });
  // categoryIds hold every ancestor too, so one term is the whole subtree.
  if (category) out.push({ term: { categoryIds: category.id } });
  if (query.minPrice !== undefined || query.maxPrice !== undefined) {
    out.push({
      range: {
        priceNow: {
          ...(query.minPrice !== undefined ? { gte: query.minPrice } : {}),
          ...(query.maxPrice !== undefined ? { lte: query.maxPrice } : {}),
        },
      },
    });
  }
  if (query.inStock !== undefined) out.push({ term: { inStock: query.inStock } });
  if (query.size && query.size.length > 0) out.push({ terms: { 'attributes.size': query.size } });
  if (query.colour && query.colour.length > 0) out.push({ terms: { 'attributes.colour': query.colour } });
  return out;
}

/** Every sort ends on productId, so equal values page deterministically. */
export function sortOf(sort: SearchSort): estypes.SortCombinations[] {
  switch (sort) {
    case 'relevance':
      return [{ _score: { order: 'desc' } }, { productId: { order: 'asc' } }];
    case 'price_asc':
      return [{ priceNow: { order: 'asc' } }, { productId: { order: 'asc' } }];
    case 'price_desc':
      return [{ priceNow: { order: 'desc' } }, { productId: { order: 'asc' } }];
    case 'newest':
      return [{ createdAt: { order: 'desc' } }, { productId: { order: 'asc' } }];
  }
}

/** Facets are computed on the query with every filter applied (no post_filter): price buckets add up to the total. */
function aggregations(facetCategories: CategoryRef[]): Record<string, estypes.AggregationsAggregationContainer> {
  return {
    ...(facetCategories.length > 0
      ? { category: { terms: { field: 'categoryIds', include: facetCategories.map((c) => c.id), size: facetCategories.length } } }
      : {}),
    price: {
      range: {
        field: 'priceNow',
        ranges: PRICE_BUCKETS.map((bucket) => (bucket.to === null ? { from: bucket.from } : { from: bucket.from, to: bucket.to })),
      },
    },
    size: { terms: { field: 'attributes.size', size: FACET_VALUES } },
    colour: { terms: { field: 'attributes.colour', size: FACET_VALUES } },
  };
}

/** Matched words in <mark>, the rest HTML-escaped by Elasticsearch's `html` encoder. */
function highlight(): estypes.SearchHighlight {
  const whole: estypes.SearchHighlightField = { number_of_fragments: 0 };
  return {
    pre_tags: ['<mark>'],
    post_tags: ['</mark>'],
    encoder: 'html',
    fields: {
      title: whole,
      'title.prefix': whole,
      variantNames: whole,
      'variantNames.prefix': whole,
      categoryNames: whole,
      'categoryNames.prefix': whole,
      skus: whole,
      description: { number_of_fragments: 1, fragment_size: 160 },
    },
  };
}

export const DID_YOU_MEAN = 'didYouMean';

/** A spelling built from the index's own words (titles, descriptions, variant and category names). */
function didYouMean(text: string): estypes.SearchSuggester {
  return {
    [DID_YOU_MEAN]: {
      text,
      phrase: {
        field: 'spelling',
        size: 1,
        gram_size: 1,
        max_errors: 2,
        // `missing`: a word the index knows is never "corrected".
        direct_generator: [{ field: 'spelling', suggest_mode: 'missing', prefix_length: 1, min_word_length: 3 }],
      },
    },
  };
}
