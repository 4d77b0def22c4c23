import { SearchQuery, type SearchQueryInput } from '@shop/contracts';
import { createPgPool, isDatabaseUnavailableError } from '@shop/persistence';
import { testEnv } from '@shop/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresSearchEngine } from '../src/adapters/postgres-search-engine.js';
import { describeSearchEngineConformance } from './conformance/search-engine.conformance.js';
import { FIXTURE_CATEGORIES, FIXTURE_DOCUMENTS, fixtureDocument, HOODIES, KITCHEN, T_SHIRTS } from './conformance/fixtures.js';

/**
 * The PostgreSQL engine against this run's migrated database (its own, see testEnv): the shared
 * conformance suite, then what only this engine has to prove (parameters, batching, outages).
 */
const pools: pg.Pool[] = [];
const statements: string[] = [];
const statementValues: unknown[] = [];
function pool(): pg.Pool {
  const created = createPgPool({
    connectionString: testEnv().databaseUrl,
    max: 4,
    onStatement: (sql, values) => {
      statements.push(sql);
      statementValues.push(...(values ?? []));
    },
  });
  pools.push(created);
  return created;
}

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

describeSearchEngineConformance('postgres', async () => {
  const engine = new PostgresSearchEngine(pool());
  await engine.prepare();
  await engine.clear();
  return engine;
});

describe('PostgresSearchEngine', () => {
  let db: pg.Pool;
  let engine: PostgresSearchEngine;
  const search = (input: SearchQueryInput) => engine.search(SearchQuery.parse(input), FIXTURE_CATEGORIES);

  beforeAll(async () => {
    db = pool();
    engine = new PostgresSearchEngine(db);
    await engine.prepare();
  });

  it('treats SQL and tsquery syntax in the query and the filters as plain values', async () => {
    await engine.clear();
    await engine.upsert(FIXTURE_DOCUMENTS);
    const attacks: SearchQueryInput[] = [
      { q: "'; DROP TABLE search.document; --" },
      { q: "tee' | 'knife" },
      { q: 'tee:* | !knife <-> (pan' },
      { q: "\\'); DELETE FROM search.document; --" },
      { size: "M'); DELETE FROM search.document; --" },
      { colour: "Navy'::text[]) OR true OR ('" },
      { q: '%_\\', category: 'clothing' },
    ];
    for (const attack of attacks) {
      const result = await search(attack);
      expect(result.total, JSON.stringify(attack)).toBeLessThan(FIXTURE_DOCUMENTS.length);
    }
    const suggestions = await engine.suggest({ q: "'; DROP TABLE search.document; --", limit: 8 });
    expect(suggestions.suggestions).toEqual([]);
    expect((await search({})).total).toBe(FIXTURE_DOCUMENTS.length);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM search.document');
    expect(rows[0]?.n).toBe(FIXTURE_DOCUMENTS.length);
  });

  it('indexes a document with an absurdly long word, a huge description and odd characters', async () => {
    await engine.clear();
    const odd = fixtureDocument(
      { title: `Odd ${'x'.repeat(3_000)} Thing \u0000\\'"`, category: KITCHEN, price: 100, day: 1, description: 'word '.repeat(20_000) },
      900,
    );
    await engine.upsert([odd]);
    expect((await search({ q: 'odd thing' })).items.map((hit) => hit.id)).toEqual([odd.productId]);
    expect(await engine.get(odd.productId)).toEqual(JSON.parse(JSON.stringify(odd).replaceAll('\\u0000', ''))); // NUL dropped
  });

  it('writes 10,000 documents in batches of one statement each', async () => {
    await engine.clear();
    const categories = [T_SHIRTS, HOODIES, KITCHEN];
    const docs = Array.from({ length: 10_000 }, (_, i) =>
      fixtureDocument(
        {
          title: `Bulk Item ${i} ${i % 7 === 0 ? 'Merino' : 'Cotton'}`,
          category: categories[i % 3] ?? KITCHEN,
          price: 500 + ((i * 37) % 30_000),
          sizes: ['S', 'M', 'L'].slice(0, 1 + (i % 3)),
          colours: [['Navy', 'Black', 'White'][i % 3] ?? 'Navy'],
          inStock: i % 5 !== 0,
          day: 1 + (i % 28),
        },
        10_000 + i,
      ),
    );
    statements.length = 0;
    await engine.upsert(docs);
    expect(statements.filter((sql) => sql.includes('INSERT INTO search.document')).length).toBe(20);

    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM search.document');
    expect(rows[0]?.n).toBe(10_000);
    const merino = await search({ q: 'merino', inStock: 'true', limit: '5' });
    expect(merino.total).toBe(docs.filter((_, i) => i % 7 === 0 && i % 5 !== 0).length);
    expect(merino.facets.price.reduce((sum, b) => sum + b.count, 0)).toBe(merino.total);
    expect(merino.items).toHaveLength(5);
  });

  it('corrects a typo in any word, the last one included, and keeps a known prefix as typed', async () => {
    await engine.clear();
    await engine.upsert(FIXTURE_DOCUMENTS);
    const lastWord = await search({ q: 'cotton hodie' });
    expect(lastWord.didYouMean).toBe('cotton hoodie');
    expect(lastWord.total).toBeGreaterThan(0);
    const bothWords = await search({ q: 'organc cottom' });
    expect(bothWords.didYouMean).toBe('organic cotton');
    // Two letters swapped: "hoodie", one edit away, though "hood" shares more trigrams with it.
    await engine.upsert([fixtureDocument({ category: HOODIES, price: 2_000, day: 1, title: 'Rain Hood' }, 990)]);
    const swapped = await search({ q: 'cotton hoodei' });
    expect(swapped.didYouMean).toBe('cotton hoodie');
    // "hood" is no word of the shop, but a word starts with it: a prefix being typed, not a typo.
    const prefix = await search({ q: 'cotton hood' });
    expect(prefix.didYouMean).toBeUndefined();
    expect(prefix.total).toBeGreaterThan(0);
  });

  it('matches the last word by prefix whether it starts a few vocabulary words, very many, or is short or digits', async () => {
    await engine.clear();
    const base = { category: KITCHEN, price: 1_000, day: 1 };
    // 60 words starting "zet" (more than the engine expands), one "zetalon" in a description only.
    const many = Array.from({ length: 60 }, (_, i) => fixtureDocument({ ...base, title: `Zet${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x Pan` }, 800 + i));
    const described = fixtureDocument({ ...base, title: 'Plain Pot', description: 'A zetalon finish, model 40417.' }, 900);
    await engine.upsert([...many, described]);
    const ids = async (q: string) => (await search({ q, limit: '100' })).items.map((h) => h.id).sort();
    expect(await ids('zet')).toEqual([...many, described].map((d) => d.productId).sort());
    expect(await ids('zeta')).toEqual([...many.filter((d) => d.title.startsWith('Zeta')), described].map((d) => d.productId).sort());
    expect(await ids('zetal')).toEqual([described.productId]);
    expect(await ids('ze')).toHaveLength(61);
    expect(await ids('4041')).toEqual([described.productId]); // numbers are not in the vocabulary
    expect(await ids('pan zetb')).toEqual(many.filter((d) => d.title.startsWith('Zetb')).map((d) => d.productId).sort());
    // A prefix of a few words is matched as those words (the faster match), a broad one as a prefix.
    statementValues.length = 0;
    await search({ q: 'zetal' });
    expect(statementValues).toContain("( 'zetalon': )");
    expect(statementValues).not.toContain("'zetal':*");
    statementValues.length = 0;
    await search({ q: 'zet' });
    expect(statementValues).toContain("'zet':*");
  });

  it('ranks by the field holding every word: whole title, title, variant names, attribute values, description', async () => {
    await engine.clear();
    const base = { category: KITCHEN, price: 1_000, day: 1 };
    const exact = fixtureDocument({ ...base, title: 'Rust' }, 700);
    const inTitle = fixtureDocument({ ...base, title: 'Rust Enamel Kettle' }, 701);
    const inVariant = fixtureDocument({ ...base, title: 'Enamel Teapot', colours: ['Rust'] }, 702);
    const inAttribute = { ...fixtureDocument({ ...base, title: 'Enamel Jug' }, 703), attributes: { finish: ['Rust'] } };
    const inDescription = fixtureDocument({ ...base, title: 'Enamel Mug', description: 'A mug the colour of rust.' }, 704);
    // Inserted worst first: the order must come from relevance, not from the product ids or the table.
    await engine.upsert([inDescription, inAttribute, inVariant, inTitle, exact]);
    const result = await search({ q: 'rust' });
    expect(result.items.map((hit) => hit.id)).toEqual([exact, inTitle, inVariant, inAttribute, inDescription].map((d) => d.productId));
    const paged = [];
    let cursor: string | undefined;
    do {
      const page = await search({ q: 'rust', limit: '2', ...(cursor ? { cursor } : {}) });
      paged.push(...page.items.map((hit) => hit.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(result.items.map((hit) => hit.id));
  });

  it('counts facets from codes that follow every rewrite of a document, across a rebuild', async () => {
    await engine.clear();
    const kettle = fixtureDocument({ title: 'Copper Kettle', category: KITCHEN, price: 1_000, day: 2, sizes: ['S'], colours: ['Copper'] }, 710);
    await engine.upsert([kettle]);
    const before = await search({ q: 'kettle' });
    expect(before.facets.price).toEqual([{ from: 0, to: 2_500, count: 1 }]);
    expect(before.facets.colour).toEqual([{ value: 'Copper', count: 1 }]);

    // A new price bucket and a colour no document had before: its code is made on the way.
    const repriced = { ...kettle, version: 2, priceMin: 30_000, priceMax: 30_000, priceNow: 30_000, attributes: { size: ['S'], colour: ['Teal'] } };
    await engine.upsert([repriced]);
    const after = await search({ q: 'kettle' });
    expect(after.facets.price).toEqual([{ from: 20_000, to: null, count: 1 }]);
    expect(after.facets.colour).toEqual([{ value: 'Teal', count: 1 }]);
    expect(after.facets.size).toEqual([{ value: 'S', count: 1 }]);

    const rebuild = await engine.beginRebuild();
    await rebuild.write([{ ...repriced, attributes: { size: ['M'], colour: ['Teal'] } }]);
    await rebuild.commit();
    const rebuilt = await search({ q: 'kettle', size: 'M' });
    expect(rebuilt.total).toBe(1);
    expect(rebuilt.facets.size).toEqual([{ value: 'M', count: 1 }]);
    expect(rebuilt.facets.category.reduce((sum, c) => sum + c.count, 0)).toBeGreaterThan(0);
  });

  it('keeps the index names of the migrations across a rebuild swap', async () => {
    const indexNames = async () =>
      (await db.query<{ name: string }>(`SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'search' AND tablename = 'document' ORDER BY 1`)).rows.map(
        (r) => r.name,
      );
    const before = await indexNames();
    expect(before).toContain('document_search_vector_idx');
    const rebuild = await engine.beginRebuild();
    await rebuild.write(FIXTURE_DOCUMENTS);
    await rebuild.commit();
    expect(await indexNames()).toEqual(before);
    expect((await search({})).total).toBe(FIXTURE_DOCUMENTS.length);
  });

  it('fails with an error isDatabaseUnavailableError recognises when Postgres cannot be reached', async () => {
    const down = createPgPool({ connectionString: 'postgresql://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 2_000 });
    pools.push(down);
    const unreachable = new PostgresSearchEngine(down);
    const failures = await Promise.allSettled([
      unreachable.search(SearchQuery.parse({ q: 'tee' }), FIXTURE_CATEGORIES),
      unreachable.suggest({ q: 'tee', limit: 8 }),
      unreachable.upsert(FIXTURE_DOCUMENTS.slice(0, 1)),
    ]);
    for (const failure of failures) {
      expect(failure.status).toBe('rejected');
      expect(isDatabaseUnavailableError((failure as PromiseRejectedResult).reason)).toBe(true);
    }
  });
});
