// npm run bench:search:engine — the PostgreSQL search engine alone, in this process, on bench:search's
// generated shop: a quick before/after comparison of a change to the engine's SQL, not a benchmark
// of the service (bench:search is that). The shop is written once into a database that is kept
// (BENCH_ENGINE_DB, default bench_search_engine; BENCH_RESEED=true writes it again), straight as
// search documents (buildSearchDocument, no catalog, no reindex): about a minute for 100,000.
// Then bench:search's query mix and suggest mix run one at a time; for each kind it prints the
// latency and the CPU time of the PostgreSQL backends serving it (/proc: waiting for a core does
// not count, so a loaded machine changes it far less than latency).
// BENCH_PRODUCTS (100000), BENCH_SEED (20261205), BENCH_QUERIES (200), BENCH_REPEATS (3).
import { SearchQuery, SuggestQuery, type Product } from '@shop/contracts';
import { env } from 'node:process';
import pg from 'pg';
import { PostgresSearchEngine, SEARCH_SESSION_OPTIONS } from '../apps/search/src/adapters/postgres-search-engine.js';
import { CategoryTree } from '../apps/search/src/domain/category-tree.js';
import { buildSearchDocument } from '../apps/search/src/domain/document-builder.js';
import type { SearchDocument } from '../apps/search/src/domain/search-document.js';
import { ensureDatabase } from '../libs/persistence/src/database-admin.js';
import { withDatabaseName } from '../libs/persistence/src/database-url.js';
import { applyMigrations } from '../libs/persistence/src/migrations/migrator.js';
import { migrationsDir } from '../libs/persistence/src/paths.js';
import { cpuSeconds, percentile } from './lib/bench-process.js';
import { categoryTree, generateProduct, rng, type GeneratedProduct } from './lib/search-bench-catalog.js';
import { queryMix, suggestMix } from './lib/search-bench-queries.js';

const PRODUCTS = Number(env.BENCH_PRODUCTS ?? 100_000);
const SEED = Number(env.BENCH_SEED ?? 20261205);
const QUERIES = Number(env.BENCH_QUERIES ?? 200);
const REPEATS = Number(env.BENCH_REPEATS ?? 3);
const serverUrl = env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const databaseUrl = withDatabaseName(serverUrl, env.BENCH_ENGINE_DB ?? 'bench_search_engine');
const log = (line: string) => console.log(`[bench:search:engine] ${line}`);

await ensureDatabase(databaseUrl);
await applyMigrations(databaseUrl, migrationsDir(), { log });
// The service's pool options (src/search-indexing.ts); no idle timeout: the backends' pids are read once.
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, idleTimeoutMillis: 0, options: SEARCH_SESSION_OPTIONS });
const engine = new PostgresSearchEngine(pool);
const categories = categoryTree();
const tree = new CategoryTree(categories);

const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM search.document');
if (rows[0]!.n === 0 || env.BENCH_RESEED === 'true') {
  const started = performance.now();
  await engine.clear();
  const leaves = categories.filter((c) => c.nouns.length > 0);
  const r = rng(SEED);
  const now = new Date();
  let batch: SearchDocument[] = [];
  for (let n = 0; n < PRODUCTS; n++) {
    const product = generateProduct(n, r, leaves, now);
    // The stock the generator gave inventory (bench:search's reindex asks inventory for it).
    const inStock = new Map(product.variants.map((v) => [v.sku, v.onHand > 0]));
    const doc = buildSearchDocument(asProduct(product), tree, { inStock, salePrices: new Map(), prices: new Map() });
    if (doc) batch.push(doc);
    if (batch.length === 2_000 || n === PRODUCTS - 1) {
      await engine.upsert(batch);
      batch = [];
    }
  }
  await pool.query('ANALYZE search.document; ANALYZE search.word; ANALYZE search.facet_code');
  log(`wrote ${PRODUCTS} products in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

// Both connections open, their backends' pids known: every statement runs on one of them.
const clients = await Promise.all([pool.connect(), pool.connect()]);
const pids = await Promise.all(clients.map(async (c) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid));
for (const client of clients) client.release();
const backendCpu = () => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);

const params = (qs: string) => Object.fromEntries(new URLSearchParams(qs));
const jobs = [
  ...queryMix(rng(SEED + 2), QUERIES).map((m) => ({ kind: m.kind as string, run: () => engine.search(SearchQuery.parse(params(m.qs)), tree) })),
  ...suggestMix(rng(SEED + 3), QUERIES).map((qs) => ({ kind: 'suggest', run: () => engine.suggest(SuggestQuery.parse(params(qs))) })),
];
for (const job of jobs) await job.run(); // warm the caches
const byKind = new Map<string, { ms: number[]; cpuSeconds: number }>();
for (let repeat = 0; repeat < REPEATS; repeat++) {
  for (const job of jobs) {
    const cpuBefore = backendCpu();
    const started = performance.now();
    await job.run();
    const ms = performance.now() - started;
    for (const kind of job.kind === 'suggest' ? ['suggest'] : [job.kind, 'all searches']) {
      const entry = byKind.get(kind) ?? { ms: [], cpuSeconds: 0 };
      entry.ms.push(ms);
      entry.cpuSeconds += backendCpu() - cpuBefore;
      byKind.set(kind, entry);
    }
  }
}
log(`${databaseUrl.replace(/\/\/[^@]*@/, '//')}, ${QUERIES} searches + ${QUERIES} suggestions x ${REPEATS}, one at a time`);
console.log('| kind | runs | p50, ms | p95, ms | PostgreSQL CPU per query, ms |\n|---|---|---|---|---|');
for (const [kind, { ms, cpuSeconds }] of [...byKind].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const sorted = [...ms].sort((a, b) => a - b);
  console.log(`| ${kind} | ${ms.length} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 95).toFixed(1)} | ${((cpuSeconds * 1000) / ms.length).toFixed(1)} |`);
}
await pool.end();

/** The catalog product the generator's product stands for (the catalog's reads answer this shape). */
function asProduct(p: GeneratedProduct): Product {
  const variants = p.variants.map((v) => ({ id: v.id, sku: v.sku, title: v.title, attributes: v.attributes, price: { amount: v.price, currency: 'EUR' } }));
  return { ...p, variants, version: 1, createdAt: p.createdAt.toISOString(), updatedAt: p.createdAt.toISOString() };
}
