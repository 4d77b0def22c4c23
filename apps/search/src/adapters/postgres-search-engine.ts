import type { SearchHit, SearchQuery, SearchResult, SearchSort, SuggestQuery, SuggestResult } from '@shop/contracts';
import { quoteIdent, withPgTransaction } from '@shop/persistence';
import { validationFailed } from '@shop/service-kit';
import type pg from 'pg';
import type { IndexRebuild, SearchEngine } from '../application/search-engine.js';
import type { CategoryDirectory, CategoryRef } from '../domain/category-tree.js';
import { cursorTag, decodeSearchCursor, effectiveSort, encodeSearchCursor, type SearchPosition } from '../domain/search-cursor.js';
import type { SearchDocument } from '../domain/search-document.js';
import { assembleFacets, facetCategories, type FacetTallies } from '../domain/search-facets.js';
import { foldedText, foldedWords, queryTerms } from '../domain/search-text.js';
import { highlightsFor } from '../domain/highlights.js';
import { DOCUMENT_COLUMNS, DOCUMENT_RECORD_TYPES, fromRow, MAX_INDEXED_WORD, PRICE_KEY_PREFIX, TOTAL_KEY, toRow, vocabularyOf, type StoredRow } from './postgres/document-row.js';
import { SqlParams, tsqueryLiteral, whereClause } from './postgres/search-filters.js';
import { WriteGate } from './postgres/write-gate.js';
import type { LivePostingsIndex } from './postgres/live-postings-index.js';
import { indexQueryFor } from './postgres/postings-loader.js';
import type { PostingsIndex } from '../domain/postings-index.js';
import { closestWord } from '../domain/typo-correction.js';

/** The live table searches read, and the one a rebuild fills before it is swapped in. */
const LIVE = 'search.document';
const NEXT = 'search.document_rebuild';
/** Documents per INSERT: one round trip each, small enough to keep a statement's memory modest. */
const WRITE_BATCH = 500;
/** Added to the relevance when the whole query is the title: an exact title match comes first. */
const EXACT_TITLE_BOOST = 10;
/** Category names offered first among suggestions, at most. */
const SUGGESTED_CATEGORIES = 3;
/**
 * Titles with a word starting with the text are ranked (shortest first) among at most this many
 * matches: a one-letter prefix can match most of the shop, and a suggestion must come in milliseconds.
 * Each candidate is a heap read in no useful order (the matches come in table order, so they are a
 * sample anyway): 200 took about four times as long as 50 on 100,000 products.
 */
const SUGGEST_CANDIDATES = 50;
/** The most similar vocabulary words (by trigrams) a typo is measured against in edits. */
const CORRECTION_CANDIDATES = 5;

/** Vocabulary words shorter than this are never typo-corrected to (trigrams say little about them). */
const MIN_VOCABULARY_WORD = 3;
/**
 * A search's last word (a prefix) is matched as the vocabulary words it starts when there are at
 * most this many; a shorter or broader prefix stays a prefix match (see completionsOf).
 */
const MAX_COMPLETIONS = 50;

/**
 * Session settings of every connection the engine uses. No parallel workers: a search already
 * sends its page and its facet counts at once on two connections. random_page_cost as for data
 * in memory: with the default (4) the planner reads the whole table for a word matching a fifth
 * of the products instead of the GIN index's matches, at twice the CPU time.
 */
export const SEARCH_SESSION_OPTIONS = '-c max_parallel_workers_per_gather=0 -c random_page_cost=1.1';

const READ_COLUMNS = DOCUMENT_COLUMNS.filter((c) => c !== 'search_vector' && c !== 'title_vector' && c !== 'title_folded' && c !== 'facet_values').join(', ');

/** What a hit shows, read for a page's products only. */
const HIT_COLUMNS = 'd.product_id, d.slug, d.title, d.description, d.variant_names, d.skus, d.category_names, d.currency, d.price_min, d.price_now, d.sale_price, d.in_stock, d.image';

/**
 * The change feed's next number, taken by every write to the live table in its own statement
 * (search.index_feed): the row stays locked until the write commits, so numbers commit in order.
 */
const NEXT_CHANGE = `feed AS (UPDATE search.index_feed SET seq = seq + 1 WHERE id = 1 RETURNING seq)`;

type HitRow = Omit<PageRow, 'sort_value'>;

/** One page of hits and the cursor to the next. */
type SearchPage = { items: SearchHit[]; nextCursor: string | null };
/** The total and every facet's counts over all matches. */
type Tallies = FacetTallies & { total: number };

interface PageRow {
  product_id: string;
  slug: string;
  title: string;
  description: string;
  variant_names: string[];
  skus: string[];
  category_names: string[];
  currency: string;
  price_min: number;
  price_now: number;
  sale_price: number | null;
  in_stock: boolean;
  image: string | null;
  sort_value: number | Date;
}

interface Rebuild {
  /** Products removed while the rebuild is open: the rebuild's own (older) copies must not bring them back. */
  removed: Set<string>;
}

/**
 * The default search engine: PostgreSQL full-text search over `search.document` (weighted tsvector
 * + GIN), prefix matching of the last word, typo tolerance through a trigram vocabulary, filters and
 * facet counts in one pass, keyset pagination. Every value from a caller travels as a parameter.
 * Errors of an unreachable database are the driver's own, which isDatabaseUnavailableError knows.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;
  private rebuild: Rebuild | null = null;
  private readonly gate = new WriteGate();

  /**
   * With `memory`, searches are answered from an in-memory postings index of the live table
   * (match, total, facets, sort, page of ids) and only the page's rows are read from PostgreSQL;
   * without it, or until it is loaded, from SQL alone.
   */
  constructor(
    private readonly pool: pg.Pool,
    private readonly memory: LivePostingsIndex | null = null,
  ) {}

  /** The tables come from the migrations (npm run db:migrate); this checks they are there, then loads the memory index. */
  async prepare(): Promise<void> {
    const { rows } = await this.pool.query<{ live: string | null }>(`SELECT to_regclass('${LIVE}')::text AS live`);
    if (!rows[0]?.live) throw new Error(`${LIVE} does not exist: apply the migrations first (npm run db:migrate)`);
    this.memory?.start();
  }

  async close(): Promise<void> {
    await this.memory?.stop();
  }

  async upsert(documents: readonly SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await this.gate.write(async () => {
      const rebuild = this.rebuild;
      const latest = latestPerProduct(documents);
      await this.writeDocuments(LIVE, latest);
      if (rebuild) {
        for (const doc of latest) rebuild.removed.delete(doc.productId);
        await this.writeDocuments(NEXT, latest);
      }
    });
    await this.memory?.catchUp();
  }

  async remove(productIds: readonly string[]): Promise<void> {
    if (productIds.length === 0) return;
    await this.gate.write(async () => {
      const rebuild = this.rebuild;
      // The feed's number is taken before any row is locked (the subquery runs before the first
      // row is deleted), in the order every writer locks: feed, then documents.
      await this.pool.query(
        `WITH ${NEXT_CHANGE},
         gone AS (DELETE FROM ${LIVE} WHERE product_id = ANY($1::uuid[]) AND (SELECT seq FROM feed) IS NOT NULL RETURNING product_id)
         INSERT INTO search.document_removal (product_id, change_seq) SELECT product_id, (SELECT seq FROM feed) FROM gone
         ON CONFLICT (product_id) DO UPDATE SET change_seq = EXCLUDED.change_seq`,
        [productIds],
      );
      if (rebuild) {
        for (const id of productIds) rebuild.removed.add(id);
        await this.pool.query(`DELETE FROM ${NEXT} WHERE product_id = ANY($1::uuid[])`, [productIds]);
      }
    });
    await this.memory?.catchUp();
  }

  async get(productId: string): Promise<SearchDocument | null> {
    const { rows } = await this.pool.query<StoredRow>(`SELECT ${READ_COLUMNS} FROM ${LIVE} WHERE product_id = $1::uuid`, [productId]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async bySkus(skus: readonly string[]): Promise<SearchDocument[]> {
    if (skus.length === 0) return [];
    const { rows } = await this.pool.query<StoredRow>(`SELECT ${READ_COLUMNS} FROM ${LIVE} WHERE skus && $1::text[] ORDER BY product_id`, [skus]);
    return rows.map(fromRow);
  }

  async search(query: SearchQuery, categories: CategoryDirectory): Promise<SearchResult> {
    const terms = queryTerms(query.q);
    const hasText = terms.words.length > 0;
    const sort = effectiveSort(query, hasText);
    const tag = cursorTag(query, sort);
    const after = query.cursor === undefined ? undefined : decodeSearchCursor(query.cursor, tag);
    if (query.cursor !== undefined && (after === undefined || typeof after.value !== (sort === 'newest' ? 'string' : 'number'))) {
      throw validationFailed([{ field: 'cursor', reason: 'is not a cursor of this search (its text, filters or sort differ)' }]);
    }
    const category = query.category === undefined ? undefined : (categories.bySlug(query.category) ?? null);
    const counted = facetCategories(categories, category ?? undefined);
    const countedIds = new Set(counted.map((c) => c.id));
    const run = async (words: string[]): Promise<[SearchPage, Tallies]> => {
      const memory = this.memory?.current();
      if (memory) return this.fromMemory(memory, query, words, sort, category, tag, after, countedIds);
      const completions = await this.completionsOf(words);
      return Promise.all([this.page(query, words, completions, sort, category, tag, after), this.tally(query, words, completions, category, countedIds)]);
    };

    let [page, tallies] = await run(terms.words);
    let didYouMean: string | undefined;
    if (hasText && tallies.total === 0) {
      const corrected = await this.correct(terms.words);
      if (corrected) {
        const [correctedPage, correctedTallies] = await run(corrected);
        if (correctedTallies.total > 0) {
          [page, tallies] = [correctedPage, correctedTallies];
          didYouMean = corrected.join(' ');
        }
      }
    }
    return {
      items: page.items,
      total: tallies.total,
      facets: assembleFacets(tallies, counted),
      nextCursor: page.nextCursor,
      ...(didYouMean === undefined ? {} : { didYouMean }),
    };
  }

  async suggest(query: SuggestQuery): Promise<SuggestResult> {
    const words = foldedWords(query.q);
    if (words.length === 0) return { suggestions: [] };
    const typed = words.join(' ');
    const startsWith = `${escapeLike(typed)}%`;
    // Category names, then titles starting with the text (a range of the prefix index, in its
    // order), then titles with a word starting with it. The outer LIMIT stops the scan once enough
    // rows came, so the wider third part only runs when the first two fall short.
    const { rows } = await this.pool.query<{ part: number; text: string; slug: string | null }>(
      `SELECT part, text, slug FROM (
         (SELECT 1 AS part, label AS text, NULL AS slug FROM search.category_label
           WHERE ' ' || folded LIKE $1 ORDER BY folded LIKE $2 DESC, length(folded), folded LIMIT $3)
         UNION ALL
         (SELECT 2, title, slug FROM ${LIVE} d WHERE d.title_folded LIKE $2
           ORDER BY d.title_folded USING ~<~, d.product_id LIMIT $5)
         UNION ALL
         (SELECT 3, title, slug FROM (
            SELECT d.title, d.slug, d.product_id FROM ${LIVE} d
             WHERE d.title_vector @@ $4::tsquery AND d.title_folded NOT LIKE $2 LIMIT ${SUGGEST_CANDIDATES}) c
           ORDER BY length(c.title), c.title, c.product_id LIMIT $5)
       ) s LIMIT $5`,
      [`% ${startsWith}`, startsWith, Math.min(SUGGESTED_CATEGORIES, query.limit), tsqueryLiteral(words), query.limit],
    );
    rows.sort((a, b) => a.part - b.part); // stable: each part keeps its own order
    let suggestions = dedupeSuggestions(rows, query.limit);
    if (suggestions.length < query.limit) {
      // Little starts with what was typed: the same titles for the spelling the vocabulary knows (typos).
      const corrected = await this.correct(words);
      if (corrected) {
        const similar = await this.pool.query<{ text: string; slug: string }>(
          `SELECT title AS text, slug FROM (
             SELECT d.title, d.slug, d.product_id FROM ${LIVE} d WHERE d.title_vector @@ $1::tsquery LIMIT ${SUGGEST_CANDIDATES}) c
           ORDER BY length(c.title), c.title, c.product_id LIMIT $2`,
          [tsqueryLiteral(corrected), query.limit],
        );
        suggestions = dedupeSuggestions([...suggestions.map((s) => ({ text: s.text, slug: s.slug ?? null })), ...similar.rows], query.limit);
      }
    }
    return { suggestions };
  }

  async beginRebuild(): Promise<IndexRebuild> {
    if (this.rebuild) throw new Error('a rebuild of the search index is already open');
    // The copy has every column, default, constraint and index of the live table (all from the migrations).
    await this.pool.query(`DROP TABLE IF EXISTS ${NEXT}; CREATE TABLE ${NEXT} (LIKE ${LIVE} INCLUDING ALL)`);
    const rebuild: Rebuild = { removed: new Set() };
    this.rebuild = rebuild;
    const open = (): void => {
      if (this.rebuild !== rebuild) throw new Error('this rebuild of the search index was already committed or aborted');
    };
    return {
      write: (documents) =>
        this.gate.write(async () => {
          open();
          await this.writeDocuments(NEXT, latestPerProduct(documents).filter((d) => !rebuild.removed.has(d.productId)));
        }),
      commit: async () => {
        open();
        // The table goes live with statistics (a new table has none until autovacuum comes by,
        // and the planner guesses how many documents a word matches), its GIN indexes' pending
        // lists merged (every search scans them until then: up to 4 MB each after a rebuild) and
        // its visibility map set. Writes may go on meanwhile: only the swap holds them.
        await this.pool.query(`VACUUM (ANALYZE) ${NEXT}`);
        await this.gate.exclusive(async () => {
          open();
          await this.swapInRebuild();
          this.rebuild = null;
        });
        await this.memory?.catchUp();
      },
      abort: () =>
        this.gate.exclusive(async () => {
          if (this.rebuild !== rebuild) return;
          this.rebuild = null;
          await this.pool.query(`DROP TABLE IF EXISTS ${NEXT}`);
        }),
    };
  }

  async clear(): Promise<void> {
    await this.gate.write(async () => {
      await this.pool.query(
        `TRUNCATE ${LIVE}, search.document_removal, search.word, search.category_label, search.facet_code;
         UPDATE search.index_feed SET seq = seq + 1, generation = generation + 1 WHERE id = 1`,
      );
      if (this.rebuild) await this.pool.query(`TRUNCATE ${NEXT}`);
    });
    await this.memory?.catchUp();
  }

  /**
   * Inserts or replaces documents in `table` (never with an older version), and records their
   * words, category names and facet codes. New facet keys get their codes in a statement of
   * their own first: the document statement's snapshot must see them (a key another writer adds
   * at the same moment is only visible once committed).
   */
  private async writeDocuments(table: string, documents: readonly SearchDocument[]): Promise<void> {
    for (let i = 0; i < documents.length; i += WRITE_BATCH) {
      const rows = documents.slice(i, i + WRITE_BATCH).map(toRow);
      const words = new Set<string>();
      const labels = new Map<string, string>();
      const facetKeys = new Set<string>();
      for (const [j, row] of rows.entries()) {
        const doc = documents[i + j]!;
        for (const word of vocabularyOf(doc)) if (word.length >= MIN_VOCABULARY_WORD && word.length <= MAX_INDEXED_WORD && !/^\d+$/.test(word)) words.add(word);
        for (const name of doc.categoryNames) {
          const folded = foldedText(name);
          if (folded.length > 0 && !labels.has(folded)) labels.set(folded, name);
        }
        for (const key of row.facet_keys) facetKeys.add(key);
      }
      const sortedLabels = [...labels].sort(([a], [b]) => (a < b ? -1 : 1));
      // Sorted, and only keys not there yet: concurrent writers take row locks in one order, and
      // the code sequence is not spent on keys that exist.
      await this.pool.query(
        `INSERT INTO search.facet_code (value)
         SELECT k FROM unnest($1::text[]) AS k WHERE NOT EXISTS (SELECT 1 FROM search.facet_code f WHERE f.value = k)
         ORDER BY k ON CONFLICT (value) DO NOTHING`,
        [[...facetKeys].map(withoutNulText).sort()],
      );
      // Writes to the live table take the change feed's next number (before any row is locked: the
      // subquery runs before the first row is inserted) and supersede the products' removals.
      // A rebuild's table needs no numbers: once swapped in, every index loads it whole.
      const live = table === LIVE;
      const columns = [...DOCUMENT_COLUMNS, 'facet_codes', ...(live ? ['change_seq'] : [])];
      const updates = columns.filter((c) => c !== 'product_id').map((c) => `${c} = EXCLUDED.${c}`).join(', ');
      await this.pool.query(
        `WITH ${live ? `${NEXT_CHANGE},` : ''}
         written AS (
           INSERT INTO ${table} AS d (${columns.join(', ')})
           SELECT ${DOCUMENT_COLUMNS.join(', ')},
                  ARRAY(SELECT f.code FROM search.facet_code f WHERE f.value = ANY (r.facet_keys) ORDER BY f.code)
                  ${live ? ', (SELECT seq FROM feed)' : ''}
             FROM jsonb_to_recordset($1::jsonb) AS r(${DOCUMENT_RECORD_TYPES})
           ORDER BY product_id
           ON CONFLICT (product_id) DO UPDATE SET ${updates} WHERE d.version <= EXCLUDED.version
           RETURNING d.product_id),
         ${live ? 'unremoved AS (DELETE FROM search.document_removal r WHERE r.product_id IN (SELECT product_id FROM written) RETURNING 1),' : ''}
         words AS (INSERT INTO search.word (word) SELECT unnest($2::text[]) ON CONFLICT DO NOTHING RETURNING 1),
         labels AS (INSERT INTO search.category_label (folded, label) SELECT * FROM unnest($3::text[], $4::text[]) ON CONFLICT DO NOTHING RETURNING 1)
         SELECT (SELECT count(*) FROM written) AS written`,
        [JSON.stringify(rows, withoutNul), [...words].sort(), sortedLabels.map(([f]) => f), sortedLabels.map(([, l]) => l)],
      );
    }
  }

  /** One page of hits in the sort's order, after the cursor's position. */
  private async page(
    query: SearchQuery,
    words: string[],
    completions: readonly string[] | null,
    sort: SearchSort,
    category: CategoryRef | null | undefined,
    tag: string,
    after: SearchPosition | undefined,
  ): Promise<SearchPage> {
    const params = new SqlParams();
    const tsquery = words.length > 0 ? tsqueryLiteral(words, '', completions) : null;
    const where = whereClause(query, tsquery, category, params);
    const order = SORTS[sort];
    const sortValue = sort === 'relevance' ? relevance(words, completions, params) : order.column;
    const keyset = after
      ? `WHERE (s.sort_value ${order.descending ? '<' : '>'} ${params.add(after.value)}::${order.type}
           OR (s.sort_value = ${params.add(after.value)}::${order.type} AND s.product_id > ${params.add(after.productId)}::uuid))`
      : '';
    const limit = params.add(query.limit + 1);
    const direction = order.descending ? 'DESC' : 'ASC';
    // The page is chosen on (id, sort value) alone, then only its rows are read whole: a broad
    // word matches thousands of documents, and carrying their text through the sort costs more
    // than the match itself.
    const { rows } = await this.pool.query<PageRow>(
      `SELECT p.sort_value, ${HIT_COLUMNS}
         FROM (SELECT * FROM (SELECT d.product_id, ${sortValue} AS sort_value FROM ${LIVE} d WHERE ${where}) s
               ${keyset}
               ORDER BY s.sort_value ${direction}, s.product_id ASC
               LIMIT ${limit}) p
         JOIN ${LIVE} d ON d.product_id = p.product_id
        ORDER BY p.sort_value ${direction}, p.product_id ASC`,
      params.values,
    );
    const more = rows.length > query.limit;
    const shown = more ? rows.slice(0, query.limit) : rows;
    const last = shown.at(-1);
    return {
      items: shown.map((row) => toHit(row, words)),
      nextCursor:
        more && last
          ? encodeSearchCursor(tag, {
              value: last.sort_value instanceof Date ? last.sort_value.toISOString() : last.sort_value,
              productId: last.product_id,
            })
          : null,
    };
  }

  /**
   * The total and every facet's counts over the matching products in one scan: each row holds the
   * codes of a marker for the total, its price bucket, its `name:value` attributes and its
   * category ids (facet_codes), one GROUP BY counts them all, and only the counted codes are
   * turned back into keys.
   */
  private async tally(
    query: SearchQuery,
    words: string[],
    completions: readonly string[] | null,
    category: CategoryRef | null | undefined,
    countedIds: ReadonlySet<string>,
  ): Promise<Tallies> {
    const params = new SqlParams();
    const where = whereClause(query, words.length > 0 ? tsqueryLiteral(words, '', completions) : null, category, params);
    const { rows } = await this.pool.query<{ v: string; n: number }>(
      `SELECT f.value AS v, t.n FROM (
         SELECT c, count(*)::int AS n FROM (SELECT unnest(d.facet_codes) AS c FROM ${LIVE} d WHERE ${where}) x GROUP BY c
       ) t JOIN search.facet_code f ON f.code = t.c`,
      params.values,
    );
    return talliesOf(rows.map(({ v, n }) => [v, n]), countedIds);
  }

  /**
   * A search answered from the memory index: the match, the total, the facets and the page's ids
   * and sort values; then the page's rows, by id, from the live table. A product removed between
   * the two is left out of the page.
   */
  private async fromMemory(
    index: PostingsIndex,
    query: SearchQuery,
    words: string[],
    sort: SearchSort,
    category: CategoryRef | null | undefined,
    tag: string,
    after: SearchPosition | undefined,
    countedIds: ReadonlySet<string>,
  ): Promise<[SearchPage, Tallies]> {
    const answer = index.query(indexQueryFor(query, words, sort, category, after));
    const shown = answer.hits.slice(0, query.limit);
    const rows =
      shown.length === 0
        ? []
        : (await this.pool.query<HitRow>(`SELECT ${HIT_COLUMNS} FROM ${LIVE} d WHERE d.product_id = ANY($1::uuid[])`, [shown.map((h) => h.productId)])).rows;
    const byId = new Map(rows.map((row) => [row.product_id, row]));
    const last = shown.at(-1);
    return [
      {
        items: shown.flatMap((hit) => {
          const row = byId.get(hit.productId);
          return row ? [toHit(row, words)] : [];
        }),
        nextCursor:
          answer.hits.length > query.limit && last
            ? encodeSearchCursor(tag, { value: sort === 'newest' ? new Date(last.sortValue).toISOString() : last.sortValue, productId: last.productId })
            : null,
      },
      talliesOf(answer.tallies, countedIds),
    ];
  }

  /**
   * The vocabulary words the last word starts (itself included when it is one), in order; null
   * when the last word must stay a prefix match: too short (the vocabulary keeps words of
   * MIN_VOCABULARY_WORD letters and more), only digits (numbers are not in the vocabulary), or
   * the start of more than MAX_COMPLETIONS words. Every indexed word of at least that length with
   * a letter is in the vocabulary (written in the same statement as its document, never removed),
   * so the completions match exactly the documents the prefix does. Folded words hold only
   * letters and digits: nothing to escape in LIKE.
   */
  private async completionsOf(words: readonly string[]): Promise<string[] | null> {
    const last = words.at(-1);
    if (last === undefined || last.length < MIN_VOCABULARY_WORD || last.length > MAX_INDEXED_WORD || /^\d+$/.test(last)) return null;
    const { rows } = await this.pool.query<{ word: string }>(`SELECT word FROM search.word WHERE word LIKE $1 ORDER BY word LIMIT $2`, [
      `${last}%`,
      MAX_COMPLETIONS + 1,
    ]);
    return rows.length > 0 && rows.length <= MAX_COMPLETIONS ? rows.map((r) => r.word) : null;
  }

  /**
   * The query's words with each one the vocabulary does not hold replaced by the closest word it
   * does (of the few most similar by trigrams, the fewest edits away: see closestWord); null when
   * nothing changes. The last word, a prefix, counts as
   * known when a vocabulary word starts with it. Folded words hold only letters and digits, so
   * they need no escaping in LIKE.
   *
   * One SELECT per word, each with its word as a parameter: the planner then sees the value and
   * uses the primary key and the trigram index (a word taken from unnest() inside a subquery made
   * it scan the whole vocabulary, twice per word: ~100,000 words once SKUs are in). The closest
   * word is only looked for when the word is unknown.
   */
  private async correct(words: string[]): Promise<string[] | null> {
    const params = new SqlParams();
    const perWord = words.map((word, i) => {
      const typed = params.add(word);
      const known = `EXISTS (SELECT 1 FROM search.word w WHERE w.word = ${typed})${
        i === words.length - 1 ? ` OR EXISTS (SELECT 1 FROM search.word w WHERE w.word LIKE ${params.add(`${word}%`)})` : ''
      }`;
      return `SELECT ${i} AS i, k.known, CASE WHEN k.known THEN NULL ELSE
                (SELECT array_agg(c.word ORDER BY c.s DESC, c.word) FROM (SELECT w.word, similarity(w.word, ${typed}) AS s FROM search.word w
                  WHERE w.word % ${typed} ORDER BY s DESC, w.word LIMIT ${CORRECTION_CANDIDATES}) c) END AS candidates
                FROM (SELECT ${known} AS known) k`;
    });
    const { rows } = await this.pool.query<{ i: number; known: boolean; candidates: string[] | null }>(perWord.join('\nUNION ALL\n'), params.values);
    const byIndex = new Map(rows.map((row) => [row.i, row]));
    const corrected = words.map((word, i) => {
      const row = byIndex.get(i);
      return !row || row.known || row.candidates === null ? word : (closestWord(word, row.candidates) ?? word);
    });
    return corrected.some((word, i) => word !== words[i]) ? corrected : null;
  }

  /** Replaces the live table with the rebuilt one in one transaction, the indexes keeping their names. */
  private async swapInRebuild(): Promise<void> {
    await withPgTransaction(this.pool, async (client) => {
      // The order writers use (rebuild table, then live) is not needed: writes are held by the gate.
      await client.query(`LOCK TABLE ${LIVE}, ${NEXT} IN ACCESS EXCLUSIVE MODE`);
      const { rows } = await client.query<{ tbl: string; name: string; def: string }>(
        `SELECT c.relname AS tbl, i.relname AS name, pg_get_indexdef(i.oid) AS def
           FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'search' AND c.relname IN ('document', 'document_rebuild')`,
      );
      const liveNames = new Map(rows.filter((r) => r.tbl === 'document').map((r) => [indexShape(r.def), r.name]));
      await client.query(`DROP TABLE ${LIVE}`);
      await client.query(`ALTER TABLE ${NEXT} RENAME TO document`);
      for (const index of rows.filter((r) => r.tbl === 'document_rebuild')) {
        const name = liveNames.get(indexShape(index.def));
        if (name && name !== index.name) await client.query(`ALTER INDEX search.${quoteIdent(index.name)} RENAME TO ${quoteIdent(name)}`);
      }
      // A new generation: every memory index loads the new table whole (its removals are history).
      await client.query(`DELETE FROM search.document_removal; UPDATE search.index_feed SET seq = seq + 1, generation = generation + 1 WHERE id = 1`);
    });
  }
}

const SORTS: Record<SearchSort, { column: string; type: string; descending: boolean }> = {
  relevance: { column: '', type: 'real', descending: true },
  price_asc: { column: 'd.price_now', type: 'int', descending: false },
  price_desc: { column: 'd.price_now', type: 'int', descending: true },
  newest: { column: 'd.created_at', type: 'timestamptz', descending: true },
};

/**
 * A hit's relevance: which field holds every word of the query (title 3; variant names, SKUs or
 * category names 2; attribute values 1; only the description 0), plus EXACT_TITLE_BOOST when the
 * query is the whole title. Each test is a lookup in a sorted tsvector, so a word matching tens of
 * thousands of products costs little more than matching them; ts_rank_cd, which walks every
 * position of every matching document, cost more than the match and the facets together.
 * Ties are broken by product id (the keyset's second key).
 */
function relevance(words: readonly string[], completions: readonly string[] | null, params: SqlParams): string {
  if (words.length === 0) return '0::real';
  return `(CASE WHEN d.title_folded = ${params.add(words.join(' '))} THEN ${EXACT_TITLE_BOOST} ELSE 0 END
     + CASE WHEN d.title_vector @@ ${params.add(tsqueryLiteral(words, '', completions))}::tsquery THEN 3
            WHEN d.search_vector @@ ${params.add(tsqueryLiteral(words, 'AB', completions))}::tsquery THEN 2
            WHEN d.search_vector @@ ${params.add(tsqueryLiteral(words, 'ABC', completions))}::tsquery THEN 1
            ELSE 0 END)::real`;
}

/** Facet key → count (total marker, price buckets, counted category ids, `size:`/`colour:` values) as the facets want them. */
function talliesOf(counts: Iterable<readonly [string, number]>, countedIds: ReadonlySet<string>): Tallies {
  const tallies = { total: 0, category: new Map<string, number>(), price: new Map<number, number>(), size: new Map<string, number>(), colour: new Map<string, number>() };
  for (const [v, n] of counts) {
    if (v === TOTAL_KEY) tallies.total = n;
    else if (v.startsWith(PRICE_KEY_PREFIX)) tallies.price.set(Number(v.slice(PRICE_KEY_PREFIX.length)), n);
    else if (countedIds.has(v)) tallies.category.set(v, n);
    else {
      const colon = v.indexOf(':');
      const name = v.slice(0, colon);
      if (name === 'size' || name === 'colour') tallies[name].set(v.slice(colon + 1), n);
    }
  }
  return tallies;
}

function toHit(row: HitRow, words: readonly string[]): SearchHit {
  return {
    id: row.product_id,
    slug: row.slug,
    title: row.title,
    price: { amount: row.price_min, currency: row.currency },
    priceNow: { amount: row.price_now, currency: row.currency },
    ...(row.sale_price === null ? {} : { salePrice: { amount: row.sale_price, currency: row.currency } }),
    inStock: row.in_stock,
    image: row.image,
    highlights: highlightsFor(
      { title: row.title, variantNames: row.variant_names, skus: row.skus, categoryNames: row.category_names, description: row.description },
      words,
    ),
    skus: row.skus,
  };
}

/** What an index does, without its name or table: `USING gin (search_vector)` (UNIQUE kept). */
function indexShape(definition: string): string {
  const using = definition.indexOf(' USING ');
  return `${definition.startsWith('CREATE UNIQUE') ? 'unique ' : ''}${definition.slice(using)}`;
}

/** One document per product, the highest version (one INSERT cannot touch a row twice). */
function latestPerProduct(documents: readonly SearchDocument[]): SearchDocument[] {
  const latest = new Map<string, SearchDocument>();
  for (const doc of documents) {
    const seen = latest.get(doc.productId);
    if (!seen || seen.version <= doc.version) latest.set(doc.productId, doc);
  }
  return [...latest.values()];
}

function dedupeSuggestions(rows: readonly { text: string; slug: string | null }[], limit: number): SuggestResult['suggestions'] {
  const seen = new Set<string>();
  const out: SuggestResult['suggestions'] = [];
  for (const row of rows) {
    const key = row.text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(row.slug === null ? { text: row.text } : { text: row.text, slug: row.slug });
    if (out.length === limit) break;
  }
  return out;
}

/** Postgres text cannot hold NUL characters: they are dropped rather than failing the whole batch. */
function withoutNul(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? withoutNulText(value) : value;
}

function withoutNulText(text: string): string {
  return text.replaceAll('\u0000', '');
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
