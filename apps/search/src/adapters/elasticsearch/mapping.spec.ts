import { describe, expect, it } from 'vitest';
import { ANALYZER, createIndexRequest, indexMapping, indexSettings } from './mapping.js';

describe('the index mapping', () => {
  it('analyzes text with lower-casing, accent folding and light English stemming; prefixes with edge n-grams only at index time', () => {
    const analysis = indexSettings({ shards: 1, replicas: 0 }).analysis;
    expect(analysis?.analyzer?.[ANALYZER.text]).toEqual({
      type: 'custom',
      tokenizer: 'standard',
      filter: ['english_possessive', 'lowercase', 'asciifolding', 'english_light'],
    });
    expect(analysis?.filter?.['english_light']).toEqual({ type: 'stemmer', language: 'light_english' });
    expect(analysis?.filter?.['word_prefixes']).toMatchObject({ type: 'edge_ngram', min_gram: 1, max_gram: 20 });
    expect(analysis?.analyzer?.[ANALYZER.prefixIndex]).toMatchObject({ filter: ['lowercase', 'asciifolding', 'word_prefixes'] });
    expect(analysis?.analyzer?.[ANALYZER.prefixSearch]).toMatchObject({ filter: ['lowercase', 'asciifolding'] });
  });

  it('maps filters, sorts and facets to keyword/numeric/date fields and text to analyzed fields with prefix sub-fields', () => {
    const { properties, dynamic, dynamic_templates } = indexMapping();
    expect(dynamic).toBe('strict');
    for (const field of ['productId', 'slug', 'categoryIds']) expect(properties?.[field]).toEqual({ type: 'keyword' });
    expect(properties?.['skus']).toEqual({ type: 'keyword', normalizer: 'folded' });
    expect(properties?.['priceMin']).toEqual({ type: 'long' });
    // The price now is what filters, sorts and buckets; the per-variant list prices are only kept.
    expect(properties?.['priceNow']).toEqual({ type: 'long' });
    expect(properties?.['listPrices']).toEqual({ type: 'object', enabled: false });
    expect(properties?.['inStock']).toEqual({ type: 'boolean' });
    expect(properties?.['createdAt']).toEqual({ type: 'date' });
    expect(properties?.['attributes']).toMatchObject({
      type: 'object',
      dynamic: true,
      properties: { size: { type: 'keyword' }, colour: { type: 'keyword' } },
    });
    expect(dynamic_templates).toEqual([
      { attribute_values: { path_match: 'attributes.*', mapping: { type: 'keyword', copy_to: ['attributeText'] } } },
    ]);
    expect(properties?.['title']).toMatchObject({
      type: 'text',
      analyzer: ANALYZER.text,
      fields: {
        exact: { type: 'keyword', normalizer: 'folded' },
        prefix: { type: 'text', analyzer: ANALYZER.prefixIndex, search_analyzer: ANALYZER.prefixSearch },
        suggest: { type: 'search_as_you_type' },
      },
    });
    expect(properties?.['description']).toEqual({ type: 'text', analyzer: ANALYZER.text, copy_to: ['spelling'] });
    // Every SearchDocument field is mapped (dynamic: strict would refuse the document otherwise).
    for (const field of ['productId', 'slug', 'title', 'description', 'variantNames', 'skus', 'categoryIds', 'categoryNames', 'attributes', 'currency', 'priceMin', 'priceMax', 'listPrices', 'priceNow', 'salePrice', 'inStock', 'image', 'createdAt', 'version']) {
      expect(properties).toHaveProperty(field);
    }
  });

  it('creates the first index with its alias, and a rebuild index without refreshes or replicas', () => {
    const first = createIndexRequest('shop-products-initial', { shards: 1, replicas: 1 }, { withAlias: 'shop-products' });
    expect(first.aliases).toEqual({ 'shop-products': {} });
    expect(first.settings).toMatchObject({ number_of_shards: 1, number_of_replicas: 1 });
    expect(first.settings).not.toHaveProperty('refresh_interval');
    const rebuild = createIndexRequest('shop-products-20261205081500000', { shards: 1, replicas: 1 }, { bulkLoad: true });
    expect(rebuild).not.toHaveProperty('aliases');
    expect(rebuild.settings).toMatchObject({ refresh_interval: '-1', number_of_replicas: 0 });
    expect(rebuild.mappings).toEqual(indexMapping());
  });
});
