import { Redis } from 'ioredis';
import { systemClock } from '@shop/contracts';
import { EventBus, OutboxRelay, StreamConsumer } from '@shop/messaging';
import { createLogger, type ReadinessCheck } from '@shop/observability';
import { createPrismaClient, isDatabaseUnavailableError } from '@shop/persistence';
import { bootstrapService, listenOn, postgresCheck, redisCheck, type RunningService, type ServiceOverrides, unavailable } from '@shop/service-kit';
import { CatalogReadsClient } from './adapters/catalog-reads.client.js';
import { CouponRepository } from './adapters/coupon.repository.js';
import { PricingRulesRepository } from './adapters/pricing-rules.repository.js';
import { ProductPriceRepository } from './adapters/product-price.repository.js';
import { RedisChangeSignal } from './adapters/redis-change-signal.js';
import type { CouponBook } from './application/coupon-book.js';
import { noDemandPrices, noFlashSales } from './application/empty-price-sources.js';
import type { DemandPrices, FlashSalePrices } from './application/price-inputs.js';
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
  const quotes = new QuoteService({
    cache,
    flashSales: overrides.flashSales ?? noFlashSales,
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
    module: PricingModule.forRoot({ quotes, admin, coupons }),
    ...listenOn(config),
    readiness,
    logger,
    errorMappers: [(err) => (isDatabaseUnavailableError(err) ? unavailable('the pricing database is unavailable; retry shortly') : undefined)],
    handleSignals: overrides.handleSignals ?? true,
    onShutdown: async () => {
      await couponSweep.stop();
      await backfill.stop();
      await productConsumer.stop();
      await relay.stop();
      await catalog.close();
      await prisma.$disconnect();
      busRedis.disconnect();
      cacheRedis.disconnect();
    },
  });
  await relay.start();
  couponSweep.start();
  await productConsumer.start();
  if (config.backfillOnStart) backfill.start();
  return { ...service, quotes, backfill };
}
