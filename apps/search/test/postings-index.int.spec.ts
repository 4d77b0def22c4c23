import { SearchQuery, type SearchQueryInput } from '@shop/contracts';
import { createPgPool } from '@shop/persistence';
import { testEnv } from '@shop/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresSearchEngine } from '../src/adapters/postgres-search-engine.js';
import { indexQueryFor, loadPostingsIndex } from '../src/adapters/postgres/postings-loader.js';
import { PRICE_KEY_PREFIX, TOTAL_KEY } from '../src/adapters/postgres/document-row.js';
import { effectiveSort } from '../src/domain/search-cursor.js';
import { PostingsIndex } from '../src/domain/postings-index.js';
import { facetCategories } from '../src/domain/search-facets.js';
import { queryTerms } from '../src/domain/search-text.js';
import { FIXTURE_CATEGORIES, FIXTURE_DOCUMENTS } from './conformance/fixtures.js';

/**
 * The postings index loaded from `search.document` answers what the PostgreSQL engine answers over
 * the same documents: the total, every facet's counts and the page's products in order (the
 * engine's SQL is the reference; this proves the load reads the stored words, weights and facet
 * codes as the SQL does).
 */
describe('PostingsIndex loaded from PostgreSQL', () => {
  let pool: pg.Pool;
  let engine: PostgresSearchEngine;
  const index = new PostingsIndex();

  beforeAll(async () => {
    pool = createPgPool({ connectionString: testEnv().databaseUrl, max: 4 });
    engine = new PostgresSearchEngine(pool);
    await engine.prepare();
    await engine.clear();
    await engine.upsert(FIXTURE_DOCUMENTS);
    expect((await loadPostingsIndex(pool, 'search.document', index)).loaded).toBe(FIXTURE_DOCUMENTS.length);
  });

  afterAll(async () => {
    await pool.end();
  });

  const queries: SearchQueryInput[] = [
    {},
    { q: 'tee' },
    { q: 'te' },
    { q: 'organic cotton' },
    { q: 'cotton', sort: 'price_asc' },
    { q: 'cotton', sort: 'price_desc', limit: 2 },
    { q: 'grey', sort: 'newest' },
    { category: 'clothing' },
    { category: 'no-such-category' },
    { q: 'tee', size: 'M,XL', colour: 'Black' },
    { q: 'tee', category: 't-shirts', size: 'M', colour: 'White,Black', inStock: 'true', maxPrice: '2000' },
    { minPrice: 2000, maxPrice: 7000, inStock: 'true' },
    { inStock: 'false' },
    { q: 'navy', limit: 1 },
  ];

  it.each(queries.map((q) => [JSON.stringify(q), q] as const))('agrees with the engine on %s', async (_, input) => {
    const query = SearchQuery.parse(input);
    const expected = await engine.search(query, FIXTURE_CATEGORIES);
    const words = queryTerms(query.q).words;
    const sort = effectiveSort(query, words.length > 0);
    const category = query.category === undefined ? undefined : (FIXTURE_CATEGORIES.bySlug(query.category) ?? null);
    const answer = index.query(indexQueryFor(query, words, sort, category, undefined));

    expect(answer.matched).toBe(expected.total);
    expect(answer.tallies.get(TOTAL_KEY) ?? 0).toBe(expected.total);
    expect(answer.hits.slice(0, query.limit).map((h) => h.productId)).toEqual(expected.items.map((i) => i.id));
    expect(answer.hits.length > query.limit).toBe(expected.nextCursor !== null);
    const counted = facetCategories(FIXTURE_CATEGORIES, category ?? undefined);
    for (const facet of expected.facets.category) {
      const id = counted.find((c) => c.slug === facet.value)!.id;
      expect(answer.tallies.get(id), facet.value).toBe(facet.count);
    }
    for (const facet of expected.facets.size) expect(answer.tallies.get(`size:${facet.value}`)).toBe(facet.count);
    for (const facet of expected.facets.colour) expect(answer.tallies.get(`colour:${facet.value}`)).toBe(facet.count);
    const priceCounts = [...answer.tallies].filter(([key]) => key.startsWith(PRICE_KEY_PREFIX)).map(([, n]) => n);
    expect(priceCounts.sort()).toEqual(expected.facets.price.map((f) => f.count).sort());
  });
});
