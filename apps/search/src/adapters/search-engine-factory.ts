import type { Pool } from 'pg';
import type { LivePostingsIndex } from './postgres/live-postings-index.js';
import type { SearchEngine } from '../application/search-engine.js';
import type { SearchConfig } from '../config.js';
import { createElasticsearchSearchEngine } from './elasticsearch/elasticsearch-search-engine.js';
import { PostgresSearchEngine } from './postgres-search-engine.js';

/** The engine the configuration names (SEARCH_ENGINE): PostgreSQL by default, Elasticsearch at scale. */
export function createSearchEngine(config: SearchConfig, deps: { pool: Pool; memory?: LivePostingsIndex }): SearchEngine {
  switch (config.engine) {
    case 'postgres':
      return new PostgresSearchEngine(deps.pool, deps.memory ?? null);
    case 'elasticsearch':
      return createElasticsearchSearchEngine({ url: config.elasticsearchUrl, alias: config.elasticsearchIndex, requestTimeoutMs: config.upstreamTimeoutMs });
  }
}
