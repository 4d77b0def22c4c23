import { SearchQuery, type SearchQueryInput } from '@shop/contracts';
import { createLogger } from '@shop/observability';
import { createPgPool } from '@shop/persistence';
import { testEnv } from '@shop/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresSearchEngine } from '../src/adapters/postgres-search-engine.js';
import { LivePostingsIndex } from '../src/adapters/postgres/live-postings-index.js';
import type { CategoryDirectory } from '../src/application/search-engine.js';
import { describeSearchEngineConformance } from './conformance/search-engine.conformance.js';
import { CLASSIC_TEE, FIXTURE_CATEGORIES, FIXTURE_DOCUMENTS, fixtureDocument, KITCHEN, ORGANIC_TEE } from './conformance/fixtures.js';

/**
 * The PostgreSQL engine answering searches from its in-memory postings index: the shared
 * conformance suite with every search served by the index (none by the SQL facet count), then the
 * change feed between instances: a write, a removal and a rebuild made by one engine reach
 * another engine's index through the feed alone.
 */
const logger = createLogger({ service: 'search-test', level: 'silent' });
const pools: pg.Pool[] = [];
const memories: LivePostingsIndex[] = [];
/** Statements that count facets in SQL: a search the memory index did not answer. */
const sqlSearches: string[] = [];

function pool(): pg.Pool {
  const created = createPgPool({
    connectionString: testEnv().databaseUrl,
    max: 4,
    onStatement: (sql) => {
      if (sql.includes('unnest(d.facet_codes)')) sqlSearches.push(sql);
    },
  });
  pools.push(created);
  return created;
}

/** An engine with its own pool and memory index, as another instance of the service would have. */
function instance(pollMs = 50): { engine: PostgresSearchEngine; memory: LivePostingsIndex } {
  const db = pool();
  const memory = new LivePostingsIndex({ pool: db, pollMs, logger });
  memories.push(memory);
  return { engine: new PostgresSearchEngine(db, memory), memory };
}

/** Searches wait for the index to be loaded: the suite must exercise the index, not the SQL it falls back to. */
class FromMemory extends PostgresSearchEngine {
  constructor(
    db: pg.Pool,
    private readonly live: LivePostingsIndex,
  ) {
    super(db, live);
  }

  override async search(query: SearchQuery, categories: CategoryDirectory) {
    await this.live.ready();
    return super.search(query, categories);
  }
}

afterAll(async () => {
  await Promise.all(memories.map((m) => m.stop()));
  await Promise.all(pools.map((p) => p.end()));
});

describeSearchEngineConformance('postgres with the memory index', async () => {
  const db = pool();
  const memory = new LivePostingsIndex({ pool: db, pollMs: 50, logger });
  memories.push(memory);
  const engine = new FromMemory(db, memory);
  await engine.prepare();
  await engine.clear();
  return engine;
});

describe('the memory index', () => {
  it('answered every search of the conformance suite (no facet count ran in SQL)', () => {
    expect(sqlSearches).toEqual([]);
  });
});

describe('the memory index across instances (change feed)', () => {
  let writer: PostgresSearchEngine;
  let reader: { engine: PostgresSearchEngine; memory: LivePostingsIndex };
  const search = (input: SearchQueryInput) => reader.engine.search(SearchQuery.parse(input), FIXTURE_CATEGORIES);
  /** Polls the reader until `check` holds (the feed is read every 50 ms). */
  const eventually = async (check: () => Promise<boolean>, what: string) => {
    const until = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  beforeAll(async () => {
    writer = new PostgresSearchEngine(pool());
    await writer.prepare();
    await writer.clear();
    await writer.upsert(FIXTURE_DOCUMENTS);
    reader = instance();
    await reader.engine.prepare();
    await reader.memory.ready();
    sqlSearches.length = 0;
  });

  it('loads what is stored', async () => {
    expect((await search({ q: 'organic' })).items.map((i) => i.id)).toContain(ORGANIC_TEE.productId);
    expect(reader.memory.current()?.size).toBe(FIXTURE_DOCUMENTS.length);
    expect(sqlSearches).toEqual([]);
  });

  it("sees another instance's new document, edit and removal", async () => {
    const lamp = fixtureDocument({ title: 'Brass Reading Lamp', category: KITCHEN, price: 3500, day: 20 }, 900);
    await writer.upsert([lamp]);
    await eventually(async () => (await search({ q: 'lamp' })).total === 1, 'the new document');

    const edited = fixtureDocument({ title: 'Brass Desk Lamp', category: KITCHEN, price: 3500, day: 20, inStock: false }, 900);
    await writer.upsert([{ ...edited, version: lamp.version + 1 }]);
    await eventually(async () => (await search({ q: 'desk lamp', inStock: 'false' })).items[0]?.title === 'Brass Desk Lamp', 'the edit');
    expect((await search({ q: 'reading' })).total).toBe(0);

    await writer.remove([lamp.productId, CLASSIC_TEE.productId]);
    await eventually(async () => (await search({ q: 'lamp' })).total === 0, 'the removal');
    expect((await search({ q: 'classic tee' })).items.map((i) => i.id)).not.toContain(CLASSIC_TEE.productId);

    // Written again after its removal: the write supersedes the removal.
    await writer.upsert([{ ...CLASSIC_TEE, version: CLASSIC_TEE.version + 1 }]);
    await eventually(async () => (await search({ q: 'classic tee' })).items[0]?.id === CLASSIC_TEE.productId, 'the product written again');
    expect(reader.memory.current()?.size).toBe(FIXTURE_DOCUMENTS.length);
    expect(sqlSearches).toEqual([]);
  });

  it("loads afresh when another instance swaps a rebuild in, answering from SQL meanwhile", async () => {
    const rebuild = await writer.beginRebuild();
    const only = fixtureDocument({ title: 'Enamel Mug', category: KITCHEN, price: 900, day: 21 }, 901);
    await rebuild.write([only]);
    await rebuild.commit();
    await eventually(async () => (await search({})).total === 1, 'the rebuilt table');
    expect((await search({ q: 'mug' })).items.map((i) => i.id)).toEqual([only.productId]);
    await reader.memory.ready();
    expect(reader.memory.current()?.size).toBe(1);
  });
});
