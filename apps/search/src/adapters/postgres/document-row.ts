import { priceBucketIndex } from '../../domain/search-facets.js';
import type { SearchDocument } from '../../domain/search-document.js';
import { foldedText, foldedWords } from '../../domain/search-text.js';

/**
 * A SearchDocument as the `search.document` table stores it, and back. The weighted tsvector is
 * written as a literal of already-folded words with their positions (A title, B variant names,
 * SKUs and category names, C attribute values, D description), so Postgres' parser and locale
 * never decide what a word is: the query side folds with the same function.
 */
export interface DocumentRow {
  product_id: string;
  slug: string;
  title: string;
  title_folded: string;
  description: string;
  variant_names: string[];
  skus: string[];
  category_ids: string[];
  category_names: string[];
  attributes: Record<string, string[]>;
  facet_values: string[];
  currency: string;
  price_min: number;
  price_max: number;
  list_prices: Record<string, number>;
  price_now: number;
  sale_price: number | null;
  in_stock: boolean;
  image: string | null;
  created_at: string;
  version: number;
  search_vector: string;
  title_vector: string;
  /**
   * What the facets count for this product (`#`, `#price:<bucket>`, `name:value`, category ids):
   * not a column; the write statement turns them into `facet_codes` through search.facet_code.
   */
  facet_keys: string[];
}

/** The columns in the order every statement lists them. */
export const DOCUMENT_COLUMNS = [
  'product_id',
  'slug',
  'title',
  'title_folded',
  'description',
  'variant_names',
  'skus',
  'category_ids',
  'category_names',
  'attributes',
  'facet_values',
  'currency',
  'price_min',
  'price_max',
  'list_prices',
  'price_now',
  'sale_price',
  'in_stock',
  'image',
  'created_at',
  'version',
  'search_vector',
  'title_vector',
] as const;

/** The SQL type of each column in a jsonb_to_recordset row (the write path). */
export const DOCUMENT_RECORD_TYPES = `product_id uuid, slug text, title text, title_folded text, description text,
  variant_names text[], skus text[], category_ids uuid[], category_names text[], attributes jsonb, facet_values text[],
  currency char(3), price_min int, price_max int, list_prices jsonb, price_now int, sale_price int, in_stock boolean, image text, created_at timestamptz,
  version int, search_vector tsvector, title_vector tsvector, facet_keys text[]`;

/** The tally marker every document carries once: its count is the total. */
export const TOTAL_KEY = '#';
/** `#price:2`: the bucket of the document's price now (an index into PRICE_BUCKETS), for the price facet. */
export const PRICE_KEY_PREFIX = '#price:';

/** The attribute names the facets and filters use (`color` is folded into `colour`). */
export const FACET_ATTRIBUTES = ['size', 'colour'] as const;
export type FacetAttribute = (typeof FACET_ATTRIBUTES)[number];

/** `size:M`: one entry of `facet_values`. */
export function facetValue(attribute: FacetAttribute, value: string): string {
  return `${attribute}:${value}`;
}

export function toRow(doc: SearchDocument): DocumentRow {
  const attributes = normalizedAttributes(doc.attributes);
  const facetValues = FACET_ATTRIBUTES.flatMap((name) => (attributes[name] ?? []).map((value) => facetValue(name, value)));
  return {
    product_id: doc.productId,
    slug: doc.slug,
    title: doc.title,
    title_folded: foldedText(doc.title),
    description: doc.description,
    variant_names: doc.variantNames,
    skus: doc.skus,
    category_ids: doc.categoryIds,
    category_names: doc.categoryNames,
    attributes,
    facet_values: facetValues,
    currency: doc.currency,
    price_min: doc.priceMin,
    price_max: doc.priceMax,
    list_prices: doc.listPrices,
    price_now: doc.priceNow,
    sale_price: doc.salePrice,
    in_stock: doc.inStock,
    image: doc.image,
    created_at: doc.createdAt,
    version: doc.version,
    search_vector: tsvectorLiteral(doc, attributes),
    title_vector: titleVectorLiteral(doc.title),
    facet_keys: [
      TOTAL_KEY,
      `${PRICE_KEY_PREFIX}${priceBucketIndex(doc.priceNow)}`,
      ...facetValues,
      ...doc.categoryIds.map((id) => id.toLowerCase()), // as Postgres prints a uuid
    ],
  };
}

/** A row as node-postgres returns it (created_at as a Date, attributes parsed). */
export interface StoredRow extends Omit<DocumentRow, 'created_at' | 'search_vector' | 'title_vector' | 'facet_keys' | 'title_folded' | 'facet_values'> {
  created_at: Date;
}

export function fromRow(row: StoredRow): SearchDocument {
  return {
    productId: row.product_id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    variantNames: row.variant_names,
    skus: row.skus,
    categoryIds: row.category_ids,
    categoryNames: row.category_names,
    attributes: row.attributes,
    currency: row.currency,
    priceMin: row.price_min,
    priceMax: row.price_max,
    listPrices: row.list_prices,
    priceNow: row.price_now,
    salePrice: row.sale_price,
    inStock: row.in_stock,
    image: row.image,
    createdAt: row.created_at.toISOString(),
    version: row.version,
  };
}

/** Every word a document holds, for the typo-correction vocabulary. */
export function vocabularyOf(doc: SearchDocument): string[] {
  return [doc.title, ...doc.variantNames, ...doc.skus, ...doc.categoryNames, ...Object.values(doc.attributes).flat(), doc.description].flatMap(
    foldedWords,
  );
}

function normalizedAttributes(attributes: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [rawName, values] of Object.entries(attributes)) {
    const lower = rawName.toLowerCase();
    const name = lower === 'color' ? 'colour' : lower;
    out[name] = [...new Set([...(out[name] ?? []), ...values])];
  }
  return out;
}

/** Postgres keeps positions up to 16,383 and at most 256 per word. */
const MAX_POSITION = 16_383;
/** Longer "words" (a pasted hash, a URL run together) are not worth indexing; Postgres refuses lexemes over 2 KB. */
export const MAX_INDEXED_WORD = 100;
const MAX_POSITIONS_PER_WORD = 256;

/** `'cotton' 'organic'`: the title's distinct folded words, without positions or weights. */
function titleVectorLiteral(title: string): string {
  const words = new Set(foldedWords(title).filter((word) => word.length <= MAX_INDEXED_WORD));
  return [...words].map((word) => `'${word}'`).join(' ');
}

/**
 * `'cotton':2A,9D 'organic':1A` — each folded word with its positions and weights. Fields follow
 * each other with a gap so a phrase never spans two of them. Words hold only letters and digits,
 * so they need no escaping inside the quotes.
 */
function tsvectorLiteral(doc: SearchDocument, attributes: Record<string, string[]>): string {
  const fields: [string, string[]][] = [
    ['A', [doc.title]],
    ['B', [...doc.variantNames, ...doc.skus, ...doc.categoryNames]],
    ['C', Object.values(attributes).flat()],
    ['D', [doc.description]],
  ];
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const [weight, texts] of fields) {
    for (const text of texts) {
      for (const word of foldedWords(text)) {
        if (word.length > MAX_INDEXED_WORD) continue;
        position = Math.min(position + 1, MAX_POSITION);
        const list = positions.get(word) ?? [];
        if (list.length < MAX_POSITIONS_PER_WORD) list.push(`${position}${weight}`);
        positions.set(word, list);
      }
      position = Math.min(position + 1, MAX_POSITION); // a gap between values
    }
  }
  return [...positions].map(([word, list]) => `'${word}':${[...new Set(list)].join(',')}`).join(' ');
}
