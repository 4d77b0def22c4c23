import { z } from 'zod';
import { envInt, listenerEnv, postgresEnv, redisEnv, serviceConfig } from '@shop/service-kit';

/** Environment of the search service; every variable has a safe local default (see README). */
export const SearchEnv = z.object({
  ...listenerEnv('SEARCH', 3007),
  ...postgresEnv,
  ...redisEnv,
  /** `postgres` (default, no extra server) or `elasticsearch` (needs ELASTICSEARCH_URL). */
  SEARCH_ENGINE: z.enum(['postgres', 'elasticsearch']).default('postgres'),
  /** e.g. http://127.0.0.1:9200; required when SEARCH_ENGINE=elasticsearch. */
  ELASTICSEARCH_URL: z.string().url().optional(),
  /** The alias searches read (indexes behind it are `<alias>-<timestamp>`). */
  ELASTICSEARCH_INDEX: z.string().min(1).default('shop-products'),
  CATALOG_URL: z.string().url().default('http://127.0.0.1:3001'),
  INVENTORY_URL: z.string().url().default('http://127.0.0.1:3002'),
  /** Pricing: each SKU's price now for a shopper not signed in (what product cards show), for the price sorts and filter. */
  PRICING_URL: z.string().url().default('http://127.0.0.1:3006'),
  /** Longest pause between two reads of the prices that are due (a window's edge is read at its instant anyway). */
  SEARCH_PRICE_SWEEP_MS: envInt(5_000, 100, 600_000),
  SEARCH_UPSTREAM_TIMEOUT_MS: envInt(2000, 1),
  /** Index the catalog's products on start when the index is empty. */
  SEARCH_REINDEX_ON_START: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /**
   * The postgres engine answers searches from an in-memory postings index of its table (kept
   * current by a change feed every instance reads), reading only a page's rows from PostgreSQL.
   * `false`: from SQL alone (and from the read replica, when one is set).
   */
  SEARCH_MEMORY_INDEX: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** How often the memory index reads the change feed for other instances' writes (its own are read at once). */
  SEARCH_INDEX_POLL_MS: envInt(500, 50, 60_000),
  /** Products per page read from the catalog during a reindex (bounded memory). */
  SEARCH_REINDEX_PAGE_SIZE: envInt(500, 10, 5000),
  /** Benchmark only (npm run bench:search): mounts GET /api/search/naive, the naive ILIKE baseline. Never on in a shop. */
  SEARCH_NAIVE_BASELINE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** A streaming replica of DATABASE_URL's server and database: searches (postgres engine) go there when set. */
  DATABASE_REPLICA_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  /** The replica is taken out of rotation (searches go to the primary) above this replication lag. */
  DATABASE_REPLICA_MAX_LAG_SECONDS: z.coerce.number().positive().default(5),
  /** How often the replica's lag is measured. */
  DATABASE_REPLICA_PROBE_INTERVAL_MS: envInt(1_000, 100, 60_000),
});
export type SearchEnv = z.infer<typeof SearchEnv>;

export function searchConfigFrom(env: SearchEnv) {
  if (env.SEARCH_ENGINE === 'elasticsearch' && !env.ELASTICSEARCH_URL) {
    throw new Error('SEARCH_ENGINE=elasticsearch needs ELASTICSEARCH_URL');
  }
  return {
    ...serviceConfig(env, 'SEARCH'),
    engine: env.SEARCH_ENGINE,
    elasticsearchUrl: env.ELASTICSEARCH_URL ?? null,
    elasticsearchIndex: env.ELASTICSEARCH_INDEX,
    catalogUrl: env.CATALOG_URL,
    inventoryUrl: env.INVENTORY_URL,
    pricingUrl: env.PRICING_URL,
    priceSweepMs: env.SEARCH_PRICE_SWEEP_MS,
    upstreamTimeoutMs: env.SEARCH_UPSTREAM_TIMEOUT_MS,
    reindexOnStart: env.SEARCH_REINDEX_ON_START,
    reindexPageSize: env.SEARCH_REINDEX_PAGE_SIZE,
    naiveBaseline: env.SEARCH_NAIVE_BASELINE,
    memoryIndex: env.SEARCH_MEMORY_INDEX && env.SEARCH_ENGINE === 'postgres',
    indexPollMs: env.SEARCH_INDEX_POLL_MS,
    // Only the postgres engine reads Postgres, and with the memory index only for a page's rows:
    // searches then stay on the primary.
    readReplica:
      env.DATABASE_REPLICA_URL && env.SEARCH_ENGINE === 'postgres' && !env.SEARCH_MEMORY_INDEX
        ? { url: env.DATABASE_REPLICA_URL, maxLagSeconds: env.DATABASE_REPLICA_MAX_LAG_SECONDS, probeIntervalMs: env.DATABASE_REPLICA_PROBE_INTERVAL_MS }
        : undefined,
    instanceId: `search-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
  };
}

export type SearchConfig = ReturnType<typeof searchConfigFrom>;
