import { hostname } from 'node:os';
import { systemClock } from '@shop/contracts';
import { EventBus, OutboxRelay, registerOutboxMetrics, registerStreamConsumerMetrics, StreamConsumer, createRedis } from '@shop/messaging';
import { createLogger, type Logger, type ReadinessCheck } from '@shop/observability';
import { createPrismaClient, isDatabaseUnavailableError, pgPoolOf, primaryReads, ReadReplica } from '@shop/persistence';
import { bootstrapService, listenOn, postgresCheck, redisCheck, type RunningService, type ServiceOverrides, unavailable } from '@shop/service-kit';
import { CATALOG_SOURCE, ProductCatalog } from './application/product-catalog.js';
import { RedisProductCache } from './adapters/product-cache.js';
import { CatalogModule } from './catalog.module.js';
import type { CatalogConfig } from './config.js';
import { productCacheInvalidator } from './messaging/product-cache-invalidator.consumer.js';
import { ProductRepository } from './adapters/product.repository.js';
import { FilesystemImageStore } from './adapters/filesystem-image-store.js';
import { sharpImageProbe } from './adapters/sharp-image-probe.js';
import { ProductImages } from './application/product-images.js';
import multipart from '@fastify/multipart';

export type CatalogOverrides = ServiceOverrides;

/**
 * The composition root: builds the catalog's collaborators from its configuration, starts the
 * HTTP server, the outbox relay and the cache-invalidation consumer, and stops them in reverse.
 */
export async function startCatalog(config: CatalogConfig, overrides: CatalogOverrides = {}): Promise<RunningService> {
  const logger = createLogger({ service: 'catalog' });
  const prisma = createPrismaClient({ databaseUrl: config.databaseUrl, queryTimeoutMillis: config.databaseQueryTimeoutMs, applicationName: 'catalog' });
  // Reads must fail fast when Redis is down (the cache is optional), so no offline queue.
  const cacheRedis = createRedis(config, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
  const busRedis = createRedis(config, { maxRetriesPerRequest: 3 });
  cacheRedis.on('error', () => undefined); // reported through readiness and per-request fallbacks
  busRedis.on('error', () => undefined);

  const cache = new RedisProductCache(cacheRedis, config.redisPrefix, config.cacheTtlSeconds, logger);
  const clock = overrides.clock ?? systemClock;
  const products = new ProductRepository(prisma);
  // Public reads go to the read replica while it keeps up (see libs/persistence ReadReplica).
  const replica = config.readReplica
    ? new ReadReplica({ primaryUrl: config.databaseUrl, replicaUrl: config.readReplica.url, maxLagSeconds: config.readReplica.maxLagSeconds, probeIntervalMs: config.readReplica.probeIntervalMs, applicationName: 'catalog', logger, clock })
    : undefined;
  const publicReads = replica ? replica.routing(products, new ProductRepository(replica.prisma)) : primaryReads(products);
  const catalog = new ProductCatalog(prisma, products, cache, clock, publicReads);
  const images = new ProductImages(catalog, new FilesystemImageStore(config.images.directory), sharpImageProbe, clock, logger);

  const bus = new EventBus({ redis: busRedis, prefix: config.redisPrefix });
  // Admin writes are rare: NOTIFY at commit makes events (and cache invalidation) near-instant.
  const relay = new OutboxRelay({ pool: pgPoolOf(prisma), bus, source: CATALOG_SOURCE, logger, retentionMs: config.outboxRetentionMs, listen: { databaseUrl: config.databaseUrl } });
  const invalidator = new StreamConsumer({
    redis: busRedis,
    prefix: config.redisPrefix,
    streams: 'events.catalog',
    // Only changes from now on matter to a cache that starts empty.
    startFrom: 'new',
    group: 'catalog-product-cache',
    consumer: `${hostname()}-${process.pid}`,
    handler: productCacheInvalidator(cache, publicReads),
    logger,
  });

  const readiness: ReadinessCheck[] = [
    postgresCheck(() => prisma.$queryRaw`SELECT 1`),
    redisCheck(cacheRedis),
  ];

  const service = await bootstrapService({
    name: 'catalog',
    module: CatalogModule.forRoot({ catalog, images, config }),
    // Uploads are read part by part by the image routes (limits set per request there).
    plugins: [{ plugin: multipart }],
    ...listenOn(config),
    readiness,
    logger,
    errorMappers: [(err) => (isDatabaseUnavailableError(err) ? unavailable('the catalog database is unavailable; retry shortly') : undefined)],
    handleSignals: overrides.handleSignals ?? true,
    onShutdown: async () => {
      await invalidator.stop();
      await relay.stop();
      await replica?.stop();
      await prisma.$disconnect();
      cacheRedis.disconnect();
      busRedis.disconnect();
    },
  });
  registerOutboxMetrics(service.metrics.registry, [relay]);
  registerStreamConsumerMetrics(service.metrics.registry, [invalidator]);
  if (replica) {
    replica.registerMetrics(service.metrics.registry);
    replica.start();
  }
  await relay.start();
  startConsumerWhenReachable(invalidator, logger);
  return service;
}

/** Redis may be down at boot: keep trying in the background so the service still starts and recovers. */
function startConsumerWhenReachable(consumer: StreamConsumer, logger: Logger, retryMs = 2000): void {
  consumer.start().catch((err: unknown) => {
    logger.warn({ err: String(err) }, 'cache invalidation consumer cannot start yet; retrying');
    setTimeout(() => startConsumerWhenReachable(consumer, logger, retryMs), retryMs).unref();
  });
}
