import { Redis } from 'ioredis';
import { systemClock } from '@shop/contracts';
import { EventBus, OutboxRelay } from '@shop/messaging';
import { createLogger, type ReadinessCheck } from '@shop/observability';
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
  });
  const sweeper = new FlashSaleSweeper(flashSales, clock, logger, { intervalMs: config.flashSaleSweepMs });

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
      await sweeper.stop();
      await relay.stop();
      await Promise.all([inventory.close(), catalog.close()]);
      await prisma.$disconnect();
      busRedis.disconnect();
    },
  });
  await relay.start();
  sweeper.start();
  return service;
}
