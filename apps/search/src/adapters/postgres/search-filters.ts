import type { SearchQuery } from '@shop/contracts';
import type { CategoryRef } from '../../domain/category-tree.js';
import { facetValue } from './document-row.js';

/**
 * SQL text and its parameters, built side by side: the text only ever holds fixed SQL and `$n`
 * placeholders, every value a caller gave travels as a parameter.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder (`$3`). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * `'organic' & 'cott':*` — a tsquery literal of folded words (letters and digits only, so nothing
 * to escape), every word required, the last one as a prefix. `weight` restricts every word to
 * those weights (`AB`: relevance asks which fields hold every word). With `completions` (the
 * indexed words the last one starts, see PostgresSearchEngine.completionsOf) the last word is
 * those words instead: `'organic' & ( 'cotton' | 'cottons' )` matches the same documents, and
 * a GIN index finds a few exact words several times faster than a prefix.
 */
export function tsqueryLiteral(words: readonly string[], weight = '', completions: readonly string[] | null = null): string {
  const last = words.length - 1;
  return words
    .map((word, i) => {
      if (i < last) return `'${word}':${weight}`;
      if (completions === null) return `'${word}':*${weight}`;
      return `( ${completions.map((c) => `'${c}':${weight}`).join(' | ')} )`;
    })
    .join(' & ');
}

/** The WHERE conditions of a search: its text (when it has any) and every filter, ANDed. */
export function whereClause(
  query: SearchQuery,
  tsquery: string | null,
  category: CategoryRef | null | undefined,
  params: SqlParams,
): string {
  const conditions: string[] = [];
  if (tsquery !== null) conditions.push(`d.search_vector @@ ${params.add(tsquery)}::tsquery`);
  if (category === null) conditions.push('false'); // a category the tree does not know holds nothing
  if (category) conditions.push(`d.category_ids @> ARRAY[${params.add(category.id)}::uuid]`);
  if (query.minPrice !== undefined) conditions.push(`d.price_now >= ${params.add(query.minPrice)}`);
  if (query.maxPrice !== undefined) conditions.push(`d.price_now <= ${params.add(query.maxPrice)}`);
  if (query.inStock !== undefined) conditions.push(query.inStock ? 'd.in_stock' : 'NOT d.in_stock');
  if (query.size && query.size.length > 0) {
    conditions.push(`d.facet_values && ${params.add(query.size.map((v) => facetValue('size', v)))}::text[]`);
  }
  if (query.colour && query.colour.length > 0) {
    conditions.push(`d.facet_values && ${params.add(query.colour.map((v) => facetValue('colour', v)))}::text[]`);
  }
  return conditions.length > 0 ? conditions.join(' AND ') : 'true';
}
