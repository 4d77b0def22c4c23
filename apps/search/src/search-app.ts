import { systemClock, type Clock } from '@shop/contracts';
import { registerStreamConsumerMetrics, startWhenReachable, StreamConsumer, type EventHandler, createRedis } from '@shop/messaging';
import { createLogger, type ReadinessCheck } from '@shop/observability';
import { createPgPool, primaryReads, ReadReplica } from '@shop/persistence';
import { bootstrapService, listenOn, postgresCheck, redisCheck, type RunningService, type ServiceOverrides, unavailable } from '@shop/service-kit';
import { isElasticsearchUnavailable } from './adapters/elasticsearch/elasticsearch-search-engine.js';
import { SEARCH_SESSION_OPTIONS } from './adapters/postgres-search-engine.js';
import type { Indexer } from './application/indexer.js';
import type { Reindexer } from './application/reindexer.js';
import type { SearchEngine } from './application/search-engine.js';
import { SearchService } from './application/search-service.js';
import type { SearchConfig } from './config.js';
import { InitialReindex } from './jobs/initial-reindex.js';
import { priceWindowSweeper } from './jobs/price-window-sweeper.js';
import { indexLagMetric } from './messaging/index-lag.js';
import { CATALOG_STREAM, catalogHandler, INVENTORY_STREAM, inventoryHandler, PRICING_STREAM, pricingHandler } from './messaging/search-consumers.js';
import { SearchModule } from './search.module.js';
import { searchIndexing } from './search-indexing.js';
import { NaiveSearch } from './naive/naive-search.js';
import { PostgresSearchEngine } from './adapters/postgres-search-engine.js';

export interface SearchOverrides extends ServiceOverrides {
  clock?: Clock;
}

export interface RunningSearch extends RunningService {
  engine: SearchEngine;
  /** Index changes run one at a time through it (tests hold a turn to pause a reindex). */
  indexer: Indexer;
  reindexer: Reindexer;
  /** The start-up reindex of an empty index (SEARCH_REINDEX_ON_START). */
  initialReindex: InitialReindex;
}

/**
 * The composition root: the engine and the search schema's state on Postgres, the indexer fed by
 * the catalog's, pricing's and inventory's streams, the reindex (admin route, and on start when
 * the index is empty), and the public search routes.
 */
export async function startSearch(config: SearchConfig, overrides: SearchOverrides = {}): Promise<RunningSearch> {
  const logger = createLogger({ service: 'search' });
  const clock = overrides.clock ?? systemClock;
  const parts = searchIndexing(config, { logger, clock, servesSearches: true });
  const { pool, engine, categories, prices, indexer, reindexer } = parts;
  const redis = createRedis(config, { maxRetriesPerRequest: 3 });
  redis.on('error', () => undefined); // reported through readiness; consumers retry on their own
  // Searches read the replica while it keeps up; the index is written on the primary only. No
  // read-your-writes fence: the index follows the streams anyway, a replica only adds its lag.
  const replica = config.readReplica
    ? new ReadReplica({ primaryUrl: config.databaseUrl, replicaUrl: config.readReplica.url, maxLagSeconds: config.readReplica.maxLagSeconds, probeIntervalMs: config.readReplica.probeIntervalMs, applicationName: 'search', logger, clock })
    : undefined;
  const replicaPool = replica ? createPgPool({ ...replica.replicaPoolOptions(), max: 10, options: SEARCH_SESSION_OPTIONS }) : undefined;
  const reads = replica && replicaPool ? replica.routing<SearchEngine>(engine, new PostgresSearchEngine(replicaPool)) : primaryReads(engine);
  const searches = new SearchService({ engine: reads, categories });
  const initialReindex = new InitialReindex({ engine, categories, reindexer, logger });
  const priceSweeper = priceWindowSweeper({ indexer, prices, clock, logger }, { intervalMs: config.priceSweepMs });
  prices.onDue((at) => priceSweeper.wakeAt(at));

  await engine.prepare();

  const consumers: StreamConsumer[] = [];
  const readiness: ReadinessCheck[] = [postgresCheck(() => pool.query('SELECT 1')), redisCheck(redis)];
  const service = await bootstrapService({
    name: 'search',
    module: SearchModule.forRoot({ searches, reindexer, naive: config.naiveBaseline ? new NaiveSearch(pool) : undefined }),
    ...listenOn(config),
    readiness,
    logger,
    // Elasticsearch away answers 503 like a database outage (the Postgres engine's are mapped by service-kit).
    errorMappers: [(err) => (isElasticsearchUnavailable(err) ? unavailable('the search engine is unavailable; retry shortly') : undefined)],
    handleSignals: overrides.handleSignals ?? true,
    onShutdown: async () => {
      await initialReindex.stop();
      await priceSweeper.stop();
      for (const consumer of consumers) await consumer.stop();
      await reindexer.done();
      await replica?.stop();
      await replicaPool?.end();
      await parts.close();
      redis.disconnect();
    },
  });

  // The lag metric lives in the service's registry, which exists once it booted.
  const lag = indexLagMetric(service.metrics.registry, clock);
  parts.memory?.registerMetrics(service.metrics.registry);
  if (replica) {
    replica.registerMetrics(service.metrics.registry);
    replica.start();
  }
  const follow = (stream: string, purpose: string, handler: EventHandler, batchSize = 50) =>
    new StreamConsumer({ redis, prefix: config.redisPrefix, streams: stream, startFrom: 'beginning', group: `search.${purpose}`, consumer: config.instanceId, handler, batchSize, logger });
  consumers.push(
    follow(CATALOG_STREAM, 'catalog', catalogHandler(indexer, lag)),
    follow(PRICING_STREAM, 'pricing', pricingHandler(indexer, lag)),
    // The inventory stream carries every reservation event; large reads keep up with a flash sale.
    follow(INVENTORY_STREAM, 'inventory', inventoryHandler(indexer, lag), 500),
  );
  registerStreamConsumerMetrics(service.metrics.registry, consumers);
  for (const consumer of consumers) startWhenReachable(consumer, logger);
  priceSweeper.start();
  if (config.reindexOnStart) initialReindex.start();
  return { ...service, engine, indexer, reindexer, initialReindex };
}
