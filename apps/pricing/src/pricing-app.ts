import { Redis } from 'ioredis';
import { systemClock } from '@shop/contracts';
import { hostname } from 'node:os';
import { EventBus, OutboxRelay, StreamConsumer } from '@shop/messaging';
import { createLogger, type Logger, type ReadinessCheck } from '@shop/observability';
import { createPrismaClient, isDatabaseUnavailableError } from '@shop/persistence';
import { CatalogVariantClient } from '@shop/catalog-client';
import { bootstrapService, listenOn, postgresCheck, redisCheck, type RunningService, ServiceClient, type ServiceOverrides, unavailable } from '@shop/service-kit';
import { CachedSaleFigures } from './adapters/cached-sale-figures.js';
import { CatalogProductPrices } from './adapters/catalog-product-prices.js';
import { FlashSaleRepository } from './adapters/flash-sale.repository.js';
import { InventorySalesClient } from './adapters/inventory-sales-client.js';
import { FlashSaleService } from './application/flash-sale-service.js';
import type { ProductPrices } from './application/price-inputs.js';
import { PRICING_SOURCE } from './application/pricing-source.js';
import { FlashSaleSweeper } from './jobs/flash-sale-sweeper.js';
import { saleAllocationExhaustedHandler } from './messaging/sale-allocation-exhausted.consumer.js';
import type { PricingConfig } from './config.js';
import { PricingModule } from './pricing.module.js';

export interface PricingOverrides extends ServiceOverrides {
  /** Where product facts come from; default: the catalog's variant lookup. */
  products?: ProductPrices;
}

/**
 * The composition root: builds the pricing service's collaborators from its configuration,
 * starts the HTTP server, the outbox relay and the event consumers, and stops them in reverse.
 */
export async function startPricing(config: PricingConfig, overrides: PricingOverrides = {}): Promise<RunningService> {
  const logger = createLogger({ service: 'pricing' });
  const clock = overrides.clock ?? systemClock;
  const prisma = createPrismaClient({ databaseUrl: config.databaseUrl, applicationName: 'pricing' });
  const busRedis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3 });
  busRedis.on('error', () => undefined); // reported through readiness; the relay retries on its own

  const bus = new EventBus({ redis: busRedis, prefix: config.redisPrefix });
  const relay = new OutboxRelay({ prisma, bus, source: PRICING_SOURCE, logger, listen: { databaseUrl: config.databaseUrl } });

  const upstream = { caller: 'pricing', timeoutMs: config.upstreamTimeoutMs, retries: 2 };
  const catalog = new CatalogVariantClient({ ...upstream, origin: config.catalogUrl });
  const inventory = new InventorySalesClient(new ServiceClient({ ...upstream, service: 'inventory', origin: config.inventoryUrl }));
  const flashSales = new FlashSaleService({
    store: new FlashSaleRepository(prisma),
    inventory,
    figures: new CachedSaleFigures(inventory, config.flashSaleFiguresCacheMs),
    products: overrides.products ?? new CatalogProductPrices(catalog),
    clock,
    logger,
    onSalesChanged: () => sweeper.wake(),
  });
  const sweeper = new FlashSaleSweeper(flashSales, clock, logger, { intervalMs: config.flashSaleSweepMs });
  const soldOutConsumer = new StreamConsumer({
    redis: busRedis,
    prefix: config.redisPrefix,
    streams: 'events.inventory',
    // Only sell-outs from now on: one missed while pricing was down is seen by the sweep anyway,
    // and the stream's history (every reservation event) is not worth replaying for it.
    startFrom: 'new',
    // The stream carries every reservation event; large reads keep up with a flash sale's rate.
    batchSize: 500,
    group: `${PRICING_SOURCE}.flash-sale-sold-out`,
    consumer: `${hostname()}-${process.pid}`,
    handler: saleAllocationExhaustedHandler(flashSales),
    logger,
  });

  const readiness: ReadinessCheck[] = [postgresCheck(() => prisma.$queryRaw`SELECT 1`), redisCheck(busRedis)];

  const service = await bootstrapService({
    name: 'pricing',
    module: PricingModule.forRoot({ prisma, clock, flashSales }),
    ...listenOn(config),
    readiness,
    logger,
    errorMappers: [(err) => (isDatabaseUnavailableError(err) ? unavailable('the pricing database is unavailable; retry shortly') : undefined)],
    handleSignals: overrides.handleSignals ?? true,
    onShutdown: async () => {
      await soldOutConsumer.stop();
      await sweeper.stop();
      await relay.stop();
      await Promise.all([inventory.close(), catalog.close()]);
      await prisma.$disconnect();
      busRedis.disconnect();
    },
  });
  await relay.start();
  sweeper.start();
  startConsumerWhenReachable(soldOutConsumer, logger);
  return service;
}

/** Redis may be down at boot: keep trying in the background so the service still starts and recovers. */
function startConsumerWhenReachable(consumer: StreamConsumer, logger: Logger, retryMs = 2000): void {
  consumer.start().catch((err: unknown) => {
    logger.warn({ err: String(err) }, 'flash-sale sold-out consumer cannot start yet; retrying');
    setTimeout(() => startConsumerWhenReachable(consumer, logger, retryMs), retryMs).unref();
  });
}
