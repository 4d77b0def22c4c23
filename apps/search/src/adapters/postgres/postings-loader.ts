import type { SearchQuery, SearchSort } from '@shop/contracts';
import { withPgTransaction } from '@shop/persistence';
import type pg from 'pg';
import type { CategoryRef } from '../../domain/category-tree.js';
import { FIELD, type IndexedDocument, type IndexQuery, type PostingsIndex } from '../../domain/postings-index.js';
import type { SearchPosition } from '../../domain/search-cursor.js';
import { facetValue } from './document-row.js';

/** Rows per FETCH: what the load holds at once besides the index itself. */
const LOAD_BATCH = 2_000;

const FIELD_OF_WEIGHT: Record<string, number> = { A: FIELD.title, B: FIELD.named, C: FIELD.attribute, D: FIELD.description };

interface IndexRow {
  product_id: string;
  title_folded: string;
  search_vector: string;
  facet_keys: string[];
  price_now: number;
  in_stock: boolean;
  created_ms: number;
}

/** What the index keeps of a stored document (its facet codes turned back into keys). */
const INDEX_COLUMNS = `d.product_id, d.title_folded, d.search_vector::text AS search_vector, d.price_now, d.in_stock,
       (extract(epoch FROM d.created_at) * 1000)::float8 AS created_ms,
       ARRAY(SELECT f.value FROM search.facet_code f WHERE f.code = ANY (d.facet_codes)) AS facet_keys`;

/** Where the change feed stood (search.index_feed) in the snapshot an index was read in. */
export interface FeedPosition {
  seq: bigint;
  generation: bigint;
}

/** The feed's position now (one autocommit read: the feed's row alone). */
export async function feedPosition(db: pg.Pool | pg.PoolClient): Promise<FeedPosition> {
  const { rows } = await db.query<{ seq: string; generation: string }>('SELECT seq::text, generation::text FROM search.index_feed WHERE id = 1');
  if (!rows[0]) throw new Error('search.index_feed has no row: apply the migrations first (npm run db:migrate)');
  return { seq: BigInt(rows[0].seq), generation: BigInt(rows[0].generation) };
}

/**
 * Fills `index` from a documents table (`search.document` or its rebuild) through a cursor, so
 * only LOAD_BATCH rows are in memory beside the index. The words come from the stored tsvector
 * (`'cotton':2A,9` — its words are already folded; a position without a letter is weight D).
 * Answers the feed's position in the same snapshot: the changes after it are the ones the index lacks.
 */
export async function loadPostingsIndex(pool: pg.Pool, table: string, index: PostingsIndex): Promise<{ loaded: number; position: FeedPosition }> {
  return readOnlySnapshot(pool, async (client) => {
    const position = await feedPosition(client);
    await client.query(`DECLARE postings_load NO SCROLL CURSOR FOR SELECT ${INDEX_COLUMNS} FROM ${table} d`);
    let loaded = 0;
    for (;;) {
      const { rows } = await client.query<IndexRow>(`FETCH ${LOAD_BATCH} FROM postings_load`);
      for (const row of rows) index.put(indexedDocument(row));
      loaded += rows.length;
      if (rows.length < LOAD_BATCH) break;
    }
    return { loaded, position };
  });
}

/**
 * Applies to `index` every change of `search.document` numbered after `since.seq`, and answers the
 * feed's new position, all read in one snapshot. Each writer numbers its change while holding the
 * feed's row until it commits, so the snapshot that sees `seq` = n sees every change up to n. A
 * product is either in the table or among the removals, never both (each write supersedes the
 * other), so the order the changes are applied in does not matter. A new generation (the table was
 * replaced) is answered without applying anything: the index must be loaded afresh.
 */
export async function applyChanges(pool: pg.Pool, index: PostingsIndex, since: FeedPosition): Promise<FeedPosition> {
  const now = await feedPosition(pool);
  if (now.generation !== since.generation || now.seq === since.seq) return now;
  return readOnlySnapshot(pool, async (client) => {
    const position = await feedPosition(client);
    if (position.generation !== since.generation) return position;
    const changed = await client.query<IndexRow>(`SELECT ${INDEX_COLUMNS} FROM search.document d WHERE d.change_seq > $1`, [since.seq.toString()]);
    const removed = await client.query<{ product_id: string }>('SELECT product_id FROM search.document_removal WHERE change_seq > $1', [since.seq.toString()]);
    for (const row of changed.rows) index.put(indexedDocument(row));
    for (const row of removed.rows) index.remove(row.product_id);
    return position;
  });
}

/** Runs `fn` in a read-only REPEATABLE READ transaction: every statement sees one snapshot. */
function readOnlySnapshot<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withPgTransaction(pool, fn, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
}

function indexedDocument(row: IndexRow): IndexedDocument {
  return {
    productId: row.product_id,
    words: wordsOfTsvector(row.search_vector),
    titleFolded: row.title_folded,
    facetKeys: row.facet_keys,
    priceNow: row.price_now,
    inStock: row.in_stock,
    createdAtMs: row.created_ms,
  };
}

/** `'bag':4A,72 'fleece':2A` → bag: title|description, fleece: title. Folded words hold no quotes. */
export function wordsOfTsvector(text: string): Map<string, number> {
  const words = new Map<string, number>();
  const lexeme = /'([^']*)'(?::([0-9A-D,]+))?/g;
  for (let match = lexeme.exec(text); match; match = lexeme.exec(text)) {
    let fields = 0;
    if (match[2] === undefined) fields = FIELD.description;
    else for (const position of match[2].split(',')) fields |= FIELD_OF_WEIGHT[position.at(-1)!] ?? FIELD.description;
    words.set(match[1]!, fields);
  }
  return words;
}

/**
 * A search as the postings index asks it: the category filter and the size and colour filters as
 * the facet keys documents carry (see toRow), a category the tree does not know as a key nothing
 * holds. The cursor's value of `newest` (an ISO instant) as milliseconds.
 */
export function indexQueryFor(
  query: SearchQuery,
  words: readonly string[],
  sort: SearchSort,
  category: CategoryRef | null | undefined,
  after: SearchPosition | undefined,
): IndexQuery {
  const anyOf: string[][] = [];
  if (query.size && query.size.length > 0) anyOf.push(query.size.map((v) => facetValue('size', v)));
  if (query.colour && query.colour.length > 0) anyOf.push(query.colour.map((v) => facetValue('colour', v)));
  return {
    words,
    allOf: category === null ? [UNKNOWN_CATEGORY] : category ? [category.id.toLowerCase()] : [],
    anyOf,
    ...(query.minPrice === undefined ? {} : { minPrice: query.minPrice }),
    ...(query.maxPrice === undefined ? {} : { maxPrice: query.maxPrice }),
    ...(query.inStock === undefined ? {} : { inStock: query.inStock }),
    sort,
    ...(after ? { after: { value: typeof after.value === 'string' ? Date.parse(after.value) : after.value, productId: after.productId } } : {}),
    limit: query.limit,
  };
}

/** A facet key no document holds (keys are `#…`, `name:value` or uuids). */
const UNKNOWN_CATEGORY = '!unknown-category';
