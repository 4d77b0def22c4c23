import { Redis } from 'ioredis';
import { systemClock } from '@shop/contracts';
import { EventBus, OutboxRelay, StreamConsumer } from '@shop/messaging';
import { createLogger, type ReadinessCheck } from '@shop/observability';
import { createPrismaClient, isDatabaseUnavailableError } from '@shop/persistence';
import { CatalogVariantClient } from '@shop/catalog-client';
import { bootstrapService, listenOn, postgresCheck, redisCheck, type RunningService, ServiceClient, type ServiceOverrides, unavailable } from '@shop/service-kit';
import { CachedSaleFigures } from './adapters/cached-sale-figures.js';
import { CatalogProductPrices } from './adapters/catalog-product-prices.js';
import { FlashSaleRepository } from './adapters/flash-sale.repository.js';
import { InventorySalesClient } from './adapters/inventory-sales-client.js';
import { FlashSaleService } from './application/flash-sale-service.js';
import { FlashSaleSweeper } from './jobs/flash-sale-sweeper.js';
import { CatalogReadsClient } from './adapters/catalog-reads.client.js';
import { CouponRepository } from './adapters/coupon.repository.js';
import { PricingRulesRepository } from './adapters/pricing-rules.repository.js';
import { ProductPriceRepository } from './adapters/product-price.repository.js';
import { RedisChangeSignal } from './adapters/redis-change-signal.js';
import type { CouponBook } from './application/coupon-book.js';
import { noDemandPrices } from './application/empty-price-sources.js';
import type { DemandPrices, FlashSalePrices, ProductPrices } from './application/price-inputs.js';
import { CouponService } from './application/coupon-service.js';
import { PricingAdmin } from './application/pricing-admin.js';
import { PricingCache } from './application/pricing-cache.js';
import { PRICING_SOURCE } from './application/pricing-source.js';
import { ProductBackfill, ProductProjection } from './application/product-projection.js';
import { QuoteService } from './application/quote-service.js';
import { QuoteSigner } from './application/quote-signer.js';
import { CouponHoldSweep } from './jobs/coupon-hold-sweep.js';
import type { PricingConfig } from './config.js';
import { productPricesConsumer } from './messaging/product-prices.consumer.js';
import { PricingModule } from './pricing.module.js';

export interface PricingOverrides extends ServiceOverrides {
  /** The other parts of pricing a quote reads; empty sources when not given (until they are wired here). */
  coupons?: CouponBook;
  flashSales?: FlashSalePrices;
  demand?: DemandPrices;
  /** Where a flash sale's product facts come from; default: the catalog's variant lookup. */
  products?: ProductPrices;
}

export interface RunningPricing extends RunningService {
  quotes: QuoteService;
  backfill: ProductBackfill;
}

/**
 * The composition root: builds the pricing service's collaborators from its configuration,
 * starts the HTTP server, the outbox relay, the catalog consumer and the product backfill, and
 * stops them in reverse.
 */
export async function startPricing(config: PricingConfig, overrides: PricingOverrides = {}): Promise<RunningPricing> {
  const logger = createLogger({ service: 'pricing' });
  const clock = overrides.clock ?? systemClock;
  const prisma = createPrismaClient({ databaseUrl: config.databaseUrl, applicationName: 'pricing' });
  const busRedis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3 });
  busRedis.on('error', () => undefined); // reported through readiness; the relay retries on its own
  // Quotes read the change counter on every request: fail fast instead of queueing while Redis is away.
  const cacheRedis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 500 });
  cacheRedis.on('error', () => undefined);

  const bus = new EventBus({ redis: busRedis, prefix: config.redisPrefix });
  const relay = new OutboxRelay({ prisma, bus, source: PRICING_SOURCE, logger, listen: { databaseUrl: config.databaseUrl } });

  const couponRepository = new CouponRepository(prisma);
  const coupons = new CouponService(couponRepository, clock, { holdTtlSeconds: config.couponHoldTtlSeconds });
  const couponSweep = new CouponHoldSweep(coupons, config.couponHoldSweepMs, logger);
  const products = new ProductPriceRepository(prisma);
  const rules = new PricingRulesRepository(prisma);
  const signal = new RedisChangeSignal(cacheRedis, config.redisPrefix);
  const cache = new PricingCache({ products, rules, signal });
  const catalog = new CatalogReadsClient({ caller: 'pricing', origin: config.catalogUrl, timeoutMs: config.upstreamTimeoutMs, retries: 2 });
  const projection = new ProductProjection({ store: products, categories: catalog, signal, onChanged: () => cache.clear(), logger });
  const backfill = new ProductBackfill({ pages: catalog, projection, logger });
  const upstream = { caller: 'pricing', timeoutMs: config.upstreamTimeoutMs, retries: 2 };
  const catalogVariants = new CatalogVariantClient({ ...upstream, origin: config.catalogUrl });
  const inventory = new InventorySalesClient(new ServiceClient({ ...upstream, service: 'inventory', origin: config.inventoryUrl }));
  const flashSaleRepository = new FlashSaleRepository(prisma);
  const flashSales = new FlashSaleService({
    store: flashSaleRepository,
    inventory,
    figures: new CachedSaleFigures(inventory, config.flashSaleFiguresCacheMs),
    products: overrides.products ?? new CatalogProductPrices(catalogVariants),
    clock,
    logger,
  });
  const sweeper = new FlashSaleSweeper(flashSales, clock, logger, { intervalMs: config.flashSaleSweepMs });
  const quotes = new QuoteService({
    cache,
    flashSales: overrides.flashSales ?? flashSaleRepository,
    demand: overrides.demand ?? noDemandPrices,
    coupons: overrides.coupons ?? couponRepository,
    signer: new QuoteSigner(config.quoteSecret),
    clock,
    quoteTtlSeconds: config.quoteTtlSeconds,
    shippingFee: config.shippingFlatFee,
  });
  const admin = new PricingAdmin({ store: rules, products, signal, onChanged: () => cache.clear(), clock, logger });

  // Every product the catalog ever announced (from the stream's beginning), one group for all instances.
  const productConsumer = new StreamConsumer({
    redis: busRedis,
    prefix: config.redisPrefix,
    streams: 'events.catalog',
    startFrom: 'beginning',
    group: 'pricing-product-prices',
    consumer: config.instanceId,
    handler: productPricesConsumer(projection),
    logger,
  });

  const readiness: ReadinessCheck[] = [postgresCheck(() => prisma.$queryRaw`SELECT 1`), redisCheck(busRedis)];

  const service = await bootstrapService({
    name: 'pricing',
    module: PricingModule.forRoot({ quotes, admin, coupons, flashSales }),
    ...listenOn(config),
    readiness,
    logger,
    errorMappers: [(err) => (isDatabaseUnavailableError(err) ? unavailable('the pricing database is unavailable; retry shortly') : undefined)],
    handleSignals: overrides.handleSignals ?? true,
    onShutdown: async () => {
      await sweeper.stop();
      await couponSweep.stop();
      await backfill.stop();
      await productConsumer.stop();
      await relay.stop();
      await Promise.all([catalog.close(), inventory.close(), catalogVariants.close()]);
      await prisma.$disconnect();
      busRedis.disconnect();
      cacheRedis.disconnect();
    },
  });
  await relay.start();
  couponSweep.start();
  sweeper.start();
  await productConsumer.start();
  if (config.backfillOnStart) backfill.start();
  return { ...service, quotes, backfill };
}
