import type { estypes } from '@elastic/elasticsearch';

/**
 * The index of search documents: settings (analyzers) and mapping. `_source` is the SearchDocument
 * as written (get() and bySkus() read it back); the extra fields below are filled by `copy_to` or
 * sub-fields, never by us, so the stored document stays exactly the port's type.
 */

/** Analyzer names, shared by the mapping and the request builders. */
export const ANALYZER = {
  /** Words: lower-cased, accents folded, light English stemming ("shirts" → "shirt"). */
  text: 'product_text',
  /** Prefixes of each word at index time ("tees" → t, te, tee, tees) for search-as-you-type. */
  prefixIndex: 'product_prefix_index',
  /** The query side of the prefix fields: whole words, folded, no n-grams. */
  prefixSearch: 'product_prefix_search',
  /** Words as written (folded, not stemmed): the vocabulary of "did you mean". */
  plain: 'product_plain',
} as const;

export const FOLDED_NORMALIZER = 'folded';

/** Edge n-grams longer than this are not indexed: a longer query word still matches by its full word. */
export const PREFIX_MAX_GRAM = 20;

export interface IndexSettingsOptions {
  /** 1 keeps scores identical whatever the shard a document lands on (and suits ≤ millions of products). */
  shards: number;
  replicas: number;
}

export function indexSettings(options: IndexSettingsOptions): estypes.IndicesIndexSettings {
  return {
    number_of_shards: options.shards,
    number_of_replicas: options.replicas,
    // edge n-grams from 1 to 20 characters
    max_ngram_diff: PREFIX_MAX_GRAM,
    analysis: {
      filter: {
        english_possessive: { type: 'stemmer', language: 'possessive_english' },
        english_light: { type: 'stemmer', language: 'light_english' },
        word_prefixes: { type: 'edge_ngram', min_gram: 1, max_gram: PREFIX_MAX_GRAM, preserve_original: true },
      },
      analyzer: {
        [ANALYZER.text]: {
          type: 'custom',
          tokenizer: 'standard',
          filter: ['english_possessive', 'lowercase', 'asciifolding', 'english_light'],
        },
        [ANALYZER.prefixIndex]: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding', 'word_prefixes'] },
        [ANALYZER.prefixSearch]: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding'] },
        [ANALYZER.plain]: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding'] },
      },
      normalizer: {
        [FOLDED_NORMALIZER]: { type: 'custom', filter: ['lowercase', 'asciifolding'] },
      },
    },
  };
}

const prefixField: estypes.MappingProperty = {
  type: 'text',
  analyzer: ANALYZER.prefixIndex,
  search_analyzer: ANALYZER.prefixSearch,
};

const notSearched = (type: 'keyword' | 'long'): estypes.MappingProperty => ({ type, index: false, doc_values: false });

/**
 * The fields added after the first indexes were created: `prepare()` adds them to an index made
 * before (a strict mapping refuses documents that carry them otherwise). `priceNow` is what the
 * price filter, facet and sorts use; `listPrices` (SKU → list price) is only stored.
 */
export const PRICE_NOW_FIELDS: Record<string, estypes.MappingProperty> = {
  listPrices: { type: 'object', enabled: false },
  priceNow: { type: 'long' },
};

export function indexMapping(): estypes.MappingTypeMapping {
  return {
    // A field the mapping does not name is refused rather than guessed (attributes excepted).
    dynamic: 'strict',
    dynamic_templates: [
      {
        // Any attribute (size, colour, material...) is a keyword for filters and facets, and
        // its value also feeds the searchable attribute text.
        attribute_values: {
          path_match: 'attributes.*',
          mapping: { type: 'keyword', copy_to: ['attributeText'] },
        },
      },
    ],
    properties: {
      productId: { type: 'keyword' },
      slug: { type: 'keyword' },
      title: {
        type: 'text',
        analyzer: ANALYZER.text,
        copy_to: ['spelling'],
        fields: {
          // The whole title, folded: an exact title match is boosted above everything else.
          exact: { type: 'keyword', normalizer: FOLDED_NORMALIZER, ignore_above: 512 },
          prefix: prefixField,
          // Word n-grams of the title for suggest (search-as-you-type).
          suggest: { type: 'search_as_you_type', analyzer: ANALYZER.plain },
        },
      },
      description: { type: 'text', analyzer: ANALYZER.text, copy_to: ['spelling'] },
      variantNames: { type: 'text', analyzer: ANALYZER.text, copy_to: ['spelling'], fields: { prefix: prefixField } },
      skus: { type: 'keyword', normalizer: FOLDED_NORMALIZER },
      categoryIds: { type: 'keyword' },
      categoryNames: {
        type: 'text',
        analyzer: ANALYZER.text,
        copy_to: ['spelling'],
        fields: { prefix: prefixField, suggest: { type: 'search_as_you_type', analyzer: ANALYZER.plain } },
      },
      attributes: {
        type: 'object',
        dynamic: true,
        properties: {
          size: { type: 'keyword', copy_to: ['attributeText'] },
          colour: { type: 'keyword', copy_to: ['attributeText'] },
        },
      },
      attributeText: { type: 'text', analyzer: ANALYZER.text, fields: { prefix: prefixField } },
      spelling: { type: 'text', analyzer: ANALYZER.plain },
      currency: notSearched('keyword'),
      priceMin: { type: 'long' },
      priceMax: { type: 'long' },
      ...PRICE_NOW_FIELDS,
      salePrice: notSearched('long'),
      inStock: { type: 'boolean' },
      image: notSearched('keyword'),
      createdAt: { type: 'date' },
      version: notSearched('long'),
    },
  };
}

/** The body of `indices.create` for a new index behind `alias` (the alias itself only for the first index). */
export function createIndexRequest(
  index: string,
  settings: IndexSettingsOptions,
  options: { withAlias?: string; bulkLoad?: boolean } = {},
): estypes.IndicesCreateRequest {
  const base = indexSettings(settings);
  return {
    index,
    // A rebuild loads fast with no refreshes and no replicas; commit() restores both.
    settings: options.bulkLoad ? { ...base, refresh_interval: '-1', number_of_replicas: 0 } : base,
    mappings: indexMapping(),
    ...(options.withAlias ? { aliases: { [options.withAlias]: {} } } : {}),
  };
}
