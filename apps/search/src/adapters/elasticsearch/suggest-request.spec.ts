import type { estypes } from '@elastic/elasticsearch';
import { SuggestQuery, SuggestResult } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { beginsWords, suggestRequest, suggestResultOf, type SuggestSource } from './suggest-request.js';

const hits = (sources: SuggestSource[]) =>
  ({
    took: 1,
    timed_out: false,
    _shards: { total: 1, successful: 1, failed: 0 },
    hits: { hits: sources.map((s, i) => ({ _index: 'i', _id: `p-${i}`, _source: s })) },
  }) as estypes.SearchResponse<SuggestSource>;

describe('suggest', () => {
  it('asks for every word, the last as a prefix, over the search-as-you-type fields of titles and category names', () => {
    expect(suggestRequest('shop-products', SuggestQuery.parse({ q: 'organic te', limit: '5' }))).toEqual({
      index: 'shop-products',
      size: 10,
      track_total_hits: false,
      _source: ['title', 'slug', 'categoryNames'],
      query: {
        bool: {
          should: [
            {
              multi_match: {
                query: 'organic te',
                type: 'bool_prefix',
                fields: ['title.suggest', 'title.suggest._2gram', 'title.suggest._3gram', 'categoryNames.suggest', 'categoryNames.suggest._2gram', 'categoryNames.suggest._3gram'],
                operator: 'and',
                fuzziness: 'AUTO',
                prefix_length: 1,
              },
            },
            { multi_match: { query: 'organic te', fields: ['title.suggest', 'categoryNames.suggest'], operator: 'and', fuzziness: 'AUTO', prefix_length: 1, boost: 0.5 } },
          ],
          minimum_should_match: 1,
        },
      },
      sort: [{ _score: { order: 'desc' } }, { productId: { order: 'asc' } }],
    });
  });

  it('offers matching category names first (no slug), then titles (with slug), no text twice, up to the limit', () => {
    const result = suggestResultOf(
      hits([
        { title: 'Organic Tee', slug: 'organic-tee', categoryNames: ['Clothing', 'T-shirts'] },
        { title: 'Organic Tee', slug: 'organic-tee-2', categoryNames: ['Clothing', 'T-shirts'] },
        { title: 'Tea Towel', slug: 'tea-towel', categoryNames: ['Home', 'Teatime'] },
        { title: 'Plain Hoodie', slug: 'plain-hoodie', categoryNames: ['Teens'] },
        { title: 'Teatime', slug: 'teatime', categoryNames: ['Home'] },
      ]),
      SuggestQuery.parse({ q: 'te', limit: '4' }),
    );
    expect(SuggestResult.parse(result)).toEqual(result);
    // "Plain Hoodie" was found only through its category: the category is offered, not the title.
    expect(result.suggestions).toEqual([{ text: 'Teatime' }, { text: 'Teens' }, { text: 'Organic Tee', slug: 'organic-tee' }, { text: 'Tea Towel', slug: 'tea-towel' }]);
    expect(suggestResultOf(hits([]), SuggestQuery.parse({ q: 'zz' })).suggestions).toEqual([]);
  });

  it('matches typed words against the beginnings of words, accents folded', () => {
    expect(beginsWords(['t', 'sh'], 'T-shirts')).toBe(true);
    expect(beginsWords(['creme'], 'Crème brûlée')).toBe(true);
    expect(beginsWords(['hirt'], 'T-shirts')).toBe(false);
    expect(beginsWords([], 'Anything')).toBe(false);
  });
});
