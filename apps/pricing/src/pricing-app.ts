import { Redis } from 'ioredis';
import { ReservationCommittedV1, streamOf, systemClock } from '@shop/contracts';
import { EventBus, OutboxRelay, ProcessedEvents, StreamConsumer } from '@shop/messaging';
import { createLogger, type Logger, type ReadinessCheck } from '@shop/observability';
import { createPrismaClient, isDatabaseUnavailableError } from '@shop/persistence';
import { bootstrapService, listenOn, postgresCheck, redisCheck, type RunningService, type ServiceOverrides, unavailable } from '@shop/service-kit';
import { CatalogReadsClient } from './adapters/catalog-reads.client.js';
import { listPricesFrom } from './adapters/list-prices.js';
import { DemandRuleRepository } from './adapters/demand-rule.repository.js';
import { PricingRulesRepository } from './adapters/pricing-rules.repository.js';
import { ProductPriceRepository } from './adapters/product-price.repository.js';
import { RedisChangeSignal } from './adapters/redis-change-signal.js';
import type { CouponBook } from './application/coupon-book.js';
import { DemandPriceCache } from './application/demand-price-cache.js';
import { DemandPricing } from './application/demand-pricing.js';
import { noCoupons, noFlashSales } from './application/empty-price-sources.js';
import type { DemandPrices, FlashSalePrices } from './application/price-inputs.js';
import { PricingAdmin } from './application/pricing-admin.js';
import { PricingCache } from './application/pricing-cache.js';
import { PRICING_SOURCE } from './application/pricing-source.js';
import { ProductBackfill, ProductProjection } from './application/product-projection.js';
import { QuoteService } from './application/quote-service.js';
import { QuoteSigner } from './application/quote-signer.js';
import type { PricingConfig } from './config.js';
import { decideDemandPrice } from './domain/demand-rule.js';
import { DemandEvaluationJob } from './jobs/demand-evaluation.job.js';
import { COMMITTED_SALES_GROUP, committedSalesHandler } from './messaging/committed-sales.consumer.js';
import { productPricesConsumer } from './messaging/product-prices.consumer.js';
import { NaiveQuoteService } from './naive/naive-quote.service.js';
import { PricingModule } from './pricing.module.js';

export interface PricingOverrides extends ServiceOverrides {
  /** The other parts of pricing a quote reads; empty sources when not given (until they are wired here). */
  coupons?: CouponBook;
  flashSales?: FlashSalePrices;
}

export interface RunningPricing extends RunningService {
  quotes: QuoteService;
  backfill: ProductBackfill;
  /** Demand pricing's use cases (tests run an evaluation pass at a time they choose). */
  demand: DemandPricing;
  /** Demand prices as the quote reads them (from memory, reloaded when a demand price changed). */
  demandPrices: DemandPrices;
}

/**
 * The composition root: builds the pricing service's collaborators from its configuration,
 * starts the HTTP server, the outbox relay, the event consumers, the product backfill and the
 * demand evaluation, and stops them in reverse.
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

  const products = new ProductPriceRepository(prisma);
  const rules = new PricingRulesRepository(prisma);
  const signal = new RedisChangeSignal(cacheRedis, config.redisPrefix);
  const cache = new PricingCache({ products, rules, signal });
  const catalog = new CatalogReadsClient({ caller: 'pricing', origin: config.catalogUrl, timeoutMs: config.upstreamTimeoutMs, retries: 2 });
  const projection = new ProductProjection({ store: products, categories: catalog, signal, onChanged: () => cache.clear(), logger });
  const backfill = new ProductBackfill({ pages: catalog, projection, logger });

  // Demand pricing: sell-through from inventory's committed reservations, evaluated every minute.
  // Its prices have their own change counter, so a demand move does not drop the promotion index.
  const demandRules = new DemandRuleRepository(prisma);
  const demandSignal = new RedisChangeSignal(cacheRedis, `${config.redisPrefix}demand:`);
  const demandPrices = new DemandPriceCache(demandRules, demandSignal);
  const demand = new DemandPricing(demandRules, listPricesFrom(products), clock, decideDemandPrice, () => demandSignal.bump());
  const demandJob = new DemandEvaluationJob(demand, config.demandEvaluationEveryMs, logger);
  const committedSales = new StreamConsumer({
    redis: busRedis,
    prefix: config.redisPrefix,
    streams: streamOf(ReservationCommittedV1.type),
    group: COMMITTED_SALES_GROUP,
    consumer: config.instanceId,
    handler: committedSalesHandler(new ProcessedEvents(prisma)),
    logger,
  });

  const flashSales = overrides.flashSales ?? noFlashSales;
  const signer = new QuoteSigner(config.quoteSecret);
  const quotes = new QuoteService({
    cache,
    flashSales,
    demand: demandPrices,
    coupons: overrides.coupons ?? noCoupons,
    signer,
    clock,
    quoteTtlSeconds: config.quoteTtlSeconds,
    shippingFee: config.shippingFlatFee,
  });
  const naive = config.naiveBaseline
    ? new NaiveQuoteService({ products, rules, flashSales, demand: demandRules, signer, clock, quoteTtlSeconds: config.quoteTtlSeconds, shippingFee: config.shippingFlatFee })
    : undefined;
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
    module: PricingModule.forRoot({ quotes, admin, demand, naive }),
    ...listenOn(config),
    readiness,
    logger,
    errorMappers: [(err) => (isDatabaseUnavailableError(err) ? unavailable('the pricing database is unavailable; retry shortly') : undefined)],
    handleSignals: overrides.handleSignals ?? true,
    onShutdown: async () => {
      await demandJob.stop();
      await committedSales.stop();
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
  await productConsumer.start();
  startWhenReachable(committedSales, logger);
  if (config.backfillOnStart) backfill.start();
  demandJob.start();
  return { ...service, quotes, backfill, demand, demandPrices };
}

/** A consumer needs Redis to create its group; until Redis answers it keeps trying. */
function startWhenReachable(consumer: StreamConsumer, logger: Logger, retryMs = 2000): void {
  consumer.start().catch((err: unknown) => {
    logger.warn({ err: String(err), group: consumer.group }, 'consumer cannot start yet; retrying');
    setTimeout(() => startWhenReachable(consumer, logger, retryMs), retryMs).unref();
  });
}
