import type { estypes } from '@elastic/elasticsearch';
import type { SuggestQuery, SuggestResult } from '@shop/contracts';
import type { SearchDocument } from '../../domain/search-document.js';
import { foldedWords } from '../../domain/search-text.js';

/**
 * Suggestions as you type: one `bool_prefix` query over the search-as-you-type sub-fields of
 * titles and category names (every word must match, the last one as a prefix, earlier ones
 * allowing a typo, or whole words with a typo). Titles come back with their slug; category names of the matching products
 * are offered first when the typed words begin words of the name.
 */

export type SuggestSource = Pick<SearchDocument, 'title' | 'slug' | 'categoryNames'>;

const SUGGEST_FIELDS = [
  'title.suggest',
  'title.suggest._2gram',
  'title.suggest._3gram',
  'categoryNames.suggest',
  'categoryNames.suggest._2gram',
  'categoryNames.suggest._3gram',
];

const WORD_FIELDS = ['title.suggest', 'categoryNames.suggest'];
/** A completion through a typo counts less than one by prefix. */
export const TYPO_WEIGHT = 0.5;

/** At most this many category names among the suggestions, so titles always show. */
export const MAX_CATEGORY_SUGGESTIONS = 3;

export function suggestRequest(index: string, query: SuggestQuery): estypes.SearchRequest {
  return {
    index,
    // Titles can repeat across products; fetch a few more than asked to fill the list after dedup.
    size: query.limit * 2,
    track_total_hits: false,
    _source: ['title', 'slug', 'categoryNames'],
    query: {
      bool: {
        should: [
          { multi_match: { query: query.q, type: 'bool_prefix', fields: SUGGEST_FIELDS, operator: 'and', fuzziness: 'AUTO', prefix_length: 1 } },
          // bool_prefix never corrects the word being typed: a typo in it ("organc") matches as a whole word.
          { multi_match: { query: query.q, fields: WORD_FIELDS, operator: 'and', fuzziness: 'AUTO', prefix_length: 1, boost: TYPO_WEIGHT } },
        ],
        minimum_should_match: 1,
      },
    },
    sort: [{ _score: { order: 'desc' } }, { productId: { order: 'asc' } }],
  };
}

/** Every typed word begins a word of the name ("clo" → "Clothing", "t sh" → "T-shirts"). */
export function beginsWords(typed: readonly string[], name: string): boolean {
  const words = foldedWords(name);
  return typed.length > 0 && typed.every((t) => words.some((w) => w.startsWith(t)));
}

export function suggestResultOf(response: estypes.SearchResponse<SuggestSource>, query: SuggestQuery): SuggestResult {
  const typed = foldedWords(query.q);
  const seen = new Set<string>();
  const categories: SuggestResult['suggestions'] = [];
  const titles: SuggestResult['suggestions'] = [];
  for (const hit of response.hits.hits) {
    const source = hit._source;
    if (!source) continue;
    let byCategory = false;
    for (const name of source.categoryNames ?? []) {
      if (!beginsWords(typed, name)) continue;
      byCategory = true;
      const key = name.toLowerCase();
      if (categories.length < MAX_CATEGORY_SUGGESTIONS && !seen.has(key)) {
        seen.add(key);
        categories.push({ text: name });
      }
    }
    // A product found only through its category name is not a completion of what was typed.
    const key = source.title.toLowerCase();
    if (!seen.has(key) && (!byCategory || beginsWords(typed, source.title))) {
      seen.add(key);
      titles.push({ text: source.title, slug: source.slug });
    }
  }
  return { suggestions: [...categories, ...titles].slice(0, query.limit) };
}
