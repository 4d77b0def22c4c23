import type { Clock } from '@shop/contracts';
import { CatalogReadsClient } from '@shop/catalog-client';
import type { Logger } from '@shop/observability';
import { createPgPool } from '@shop/persistence';
import { ElasticsearchSearchEngine } from './adapters/elasticsearch/elasticsearch-search-engine.js';
import { createSearchEngine } from './adapters/search-engine-factory.js';
import { PostgresSearchEngine, SEARCH_SESSION_OPTIONS } from './adapters/postgres-search-engine.js';
import { LivePostingsIndex } from './adapters/postgres/live-postings-index.js';
import { InventoryStockClient } from './adapters/inventory-stock.client.js';
import { PricingPricesClient } from './adapters/pricing-prices.client.js';
import { SearchStateRepository } from './adapters/search-state.repository.js';
import { CategoryCatalog } from './application/category-catalog.js';
import { Indexer } from './application/indexer.js';
import { PriceFeed } from './application/price-feed.js';
import { Reindexer } from './application/reindexer.js';
import { StockBaseline } from './application/stock-baseline.js';
import type { SearchConfig } from './config.js';

/**
 * The parts of the search service that index (engine, state, category tree, prices, indexer, reindexer):
 * the service (search-app.ts) and the CLI (scripts/search-reindex.ts) build them the same way.
 * Only a process that serves searches (`servesSearches`) holds the memory index.
 */
export function searchIndexing(config: SearchConfig, deps: { logger: Logger; clock: Clock; servesSearches?: boolean }) {
  const pool = createPgPool({ connectionString: config.databaseUrl, application_name: 'search', max: 10, query_timeout: config.databaseQueryTimeoutMs, options: SEARCH_SESSION_OPTIONS });
  const memory = deps.servesSearches && config.memoryIndex ? new LivePostingsIndex({ pool, pollMs: config.indexPollMs, logger: deps.logger }) : undefined;
  const engine = createSearchEngine(config, { pool, ...(memory ? { memory } : {}) });
  const state = new SearchStateRepository(pool);
  const catalog = new CatalogReadsClient({ caller: 'search', origin: config.catalogUrl, timeoutMs: config.upstreamTimeoutMs, retries: 2 });
  const categories = new CategoryCatalog(catalog, deps.clock);
  const inventory = new InventoryStockClient({ caller: 'search', origin: config.inventoryUrl, timeoutMs: config.upstreamTimeoutMs, retries: 1 });
  const stock = new StockBaseline({ source: inventory, state, clock: deps.clock, logger: deps.logger });
  const pricing = new PricingPricesClient({ caller: 'search', origin: config.pricingUrl, timeoutMs: config.upstreamTimeoutMs, retries: 1 });
  const prices = new PriceFeed({ source: pricing, state, clock: deps.clock, logger: deps.logger });
  const indexer = new Indexer({ engine, state, categories, stock, prices });
  const reindexer = new Reindexer({ engine, pages: catalog, categories, state, stock, prices, indexer, clock: deps.clock, logger: deps.logger, batchSize: config.reindexPageSize });
  return {
    pool,
    engine,
    /** The memory index the engine answers searches from (a service with SEARCH_MEMORY_INDEX on). */
    memory,
    categories,
    prices,
    indexer,
    reindexer,
    close: async () => {
      await Promise.all([catalog.close(), inventory.close(), pricing.close()]);
      if (engine instanceof ElasticsearchSearchEngine || engine instanceof PostgresSearchEngine) await engine.close();
      await pool.end();
    },
  };
}
