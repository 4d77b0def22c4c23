import { OrderStatusChangedV1, ReservationCommittedV1, SaleAllocationExhaustedV1, streamOf, systemClock } from '@shop/contracts';
import { EventBus, OutboxRelay, ProcessedEventRetention, registerOutboxMetrics, registerStreamConsumerMetrics, startWhenReachable, StreamConsumer, createRedis } from '@shop/messaging';
import { createLogger, type ReadinessCheck } from '@shop/observability';
import { createPrismaClient, isDatabaseUnavailableError, pgPoolOf } from '@shop/persistence';
import { bootstrapService, listenOn, postgresCheck, redisCheck, type RunningService, ServiceClient, type ServiceOverrides, unavailable } from '@shop/service-kit';
import { CachedSaleFigures } from './adapters/cached-sale-figures.js';
import { CouponRepository } from './adapters/coupon.repository.js';
import { CouponService } from './application/coupon-service.js';
import { CouponHoldSweep } from './jobs/coupon-hold-sweep.js';
import { CANCELLED_ORDERS_GROUP, cancelledOrdersHandler } from './messaging/cancelled-orders.consumer.js';
import { CatalogReadsClient } from '@shop/catalog-client';
import { DemandRuleRepository } from './adapters/demand-rule.repository.js';
import { FlashSaleRepository } from './adapters/flash-sale.repository.js';
import { listPricesFrom } from './adapters/list-prices.js';
import { InventorySalesClient } from './adapters/inventory-sales-client.js';
import { PricingRulesRepository } from './adapters/pricing-rules.repository.js';
import { ProductPriceRepository } from './adapters/product-price.repository.js';
import { RedisChangeSignals } from './adapters/redis-change-signal.js';
import type { CouponBook } from './application/coupon-book.js';
import { FlashSaleService } from './application/flash-sale-service.js';
import { DemandPriceCache } from './application/demand-price-cache.js';
import { FlashSalePriceCache } from './application/flash-sale-price-cache.js';
import { DemandPricing } from './application/demand-pricing.js';
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
import { flashSaleSweeper } from './jobs/flash-sale-sweeper.js';
import { COMMITTED_SALES_GROUP, committedSalesHandler } from './messaging/committed-sales.consumer.js';
import { productPricesConsumer } from './messaging/product-prices.consumer.js';
import { saleAllocationExhaustedHandler } from './messaging/sale-allocation-exhausted.consumer.js';
import { NaiveQuoteService } from './naive/naive-quote.service.js';
import { PricingModule } from './pricing.module.js';

export interface PricingOverrides extends ServiceOverrides {
  /** Replace a part the quote reads (tests); by default coupons and flash sales come from their repositories. */
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
 * starts the HTTP server, the outbox relay, the catalog consumer and the product backfill, and
 * stops them in reverse.
 */
export async function startPricing(config: PricingConfig, overrides: PricingOverrides = {}): Promise<RunningPricing> {
  const logger = createLogger({ service: 'pricing' });
  const clock = overrides.clock ?? systemClock;
  const prisma = createPrismaClient({ databaseUrl: config.databaseUrl, queryTimeoutMillis: config.databaseQueryTimeoutMs, applicationName: 'pricing' });
  const busRedis = createRedis(config, { maxRetriesPerRequest: 3 });
  busRedis.on('error', () => undefined); // reported through readiness; the relay retries on its own
  // Quotes read the change counters from memory while subscribed, from Redis otherwise: fail fast
  // instead of queueing while Redis is away.
  const cacheRedis = createRedis(config, { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 500 });
  cacheRedis.on('error', () => undefined);

  const bus = new EventBus({ redis: busRedis, prefix: config.redisPrefix });
  const relay = new OutboxRelay({ pool: pgPoolOf(prisma), bus, source: PRICING_SOURCE, logger, retentionMs: config.outboxRetentionMs, listen: { databaseUrl: config.databaseUrl } });

  const couponRepository = new CouponRepository(prisma);
  const coupons = new CouponService(couponRepository, clock, { holdTtlSeconds: config.couponHoldTtlSeconds });
  const couponSweep = new CouponHoldSweep(coupons, config.couponHoldSweepMs, logger);
  const products = new ProductPriceRepository(prisma);
  const rules = new PricingRulesRepository(prisma);
  const changeSignals = new RedisChangeSignals(cacheRedis, config.redisPrefix);
  const signal = changeSignals.signal('pricing:rules-version');
  const cache = new PricingCache({ products, rules, signal });
  const catalog = new CatalogReadsClient({ caller: 'pricing', origin: config.catalogUrl, timeoutMs: config.upstreamTimeoutMs, retries: 2 });
  const projection = new ProductProjection({ store: products, categories: catalog, signal, onChanged: () => cache.clear(), logger });
  const backfill = new ProductBackfill({ pages: catalog, projection, logger });

  // Demand pricing: sell-through from inventory's committed reservations, evaluated every minute.
  // Its prices have their own change counter, so a demand move does not drop the promotion index.
  const demandRules = new DemandRuleRepository(prisma);
  const demandSignal = changeSignals.signal('pricing:demand-version');
  const flashSaleSignal = changeSignals.signal('pricing:flash-sale-version');
  const demandPrices = new DemandPriceCache(demandRules, demandSignal);
  const demand = new DemandPricing(demandRules, listPricesFrom(products), clock, decideDemandPrice, () => demandSignal.bump());
  const demandJob = new DemandEvaluationJob(demand, config.demandEvaluationEveryMs, logger);
  const committedSales = new StreamConsumer({
    redis: busRedis,
    prefix: config.redisPrefix,
    streams: streamOf(ReservationCommittedV1.type),
    // Every reservation made or released is on this stream too: acknowledged unread.
    eventTypes: [ReservationCommittedV1.type],
    group: COMMITTED_SALES_GROUP,
    consumer: config.instanceId,
    handler: committedSalesHandler(prisma),
    logger,
  });
  // That consumer records each event it counted (once only); the records go after their retention.
  const processedRetention = new ProcessedEventRetention({ pool: pgPoolOf(prisma), consumers: [COMMITTED_SALES_GROUP], retentionMs: config.processedEventRetentionMs, logger });

  const flashSaleRepository = new FlashSaleRepository(prisma);
  const flashSalePrices = overrides.flashSales ?? new FlashSalePriceCache(flashSaleRepository, flashSaleSignal);
  const signer = new QuoteSigner(config.quoteSecret);
  const quotes = new QuoteService({
    cache,
    flashSales: flashSalePrices,
    demand: demandPrices,
    coupons: overrides.coupons ?? couponRepository,
    signer,
    clock,
    quoteTtlSeconds: config.quoteTtlSeconds,
    shippingFee: config.shippingFlatFee,
  });
  const naive = config.naiveBaseline
    ? new NaiveQuoteService({ products, rules, flashSales: overrides.flashSales ?? flashSaleRepository, demand: demandRules, signer, clock, quoteTtlSeconds: config.quoteTtlSeconds, shippingFee: config.shippingFlatFee })
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

  const inventory = new InventorySalesClient(
    new ServiceClient({ caller: 'pricing', service: 'inventory', origin: config.inventoryUrl, timeoutMs: config.upstreamTimeoutMs, retries: 2 }),
  );
  const flashSales = new FlashSaleService({
    store: flashSaleRepository,
    inventory,
    figures: new CachedSaleFigures(inventory, config.flashSaleFiguresCacheMs),
    products,
    clock,
    logger,
    onSalesChanged: async () => {
      sweeper.wakeAt();
      // Redis away: the other instances cannot read the counter either, so they read through.
      await flashSaleSignal.bump().catch((err: unknown) => logger.warn({ err: String(err) }, 'flash sale: change counter not bumped'));
    },
  });
  const sweeper = flashSaleSweeper(flashSales, clock, logger, { intervalMs: config.flashSaleSweepMs });
  const soldOutConsumer = new StreamConsumer({
    redis: busRedis,
    prefix: config.redisPrefix,
    streams: 'events.inventory',
    // Only sell-outs from now on: one missed while pricing was down is seen by the sweep anyway,
    // and the stream's history (every reservation event) is not worth replaying for it.
    startFrom: 'new',
    // The stream carries every reservation event; large reads keep up with a flash sale's rate.
    batchSize: 500,
    eventTypes: [SaleAllocationExhaustedV1.type],
    group: `${PRICING_SOURCE}.flash-sale-sold-out`,
    consumer: config.instanceId,
    handler: saleAllocationExhaustedHandler(flashSales),
    logger,
  });

  const cancelledOrders = new StreamConsumer({
    redis: busRedis,
    prefix: config.redisPrefix,
    streams: streamOf(OrderStatusChangedV1.type),
    // From the first start on: orders cancelled before this consumer existed keep their uses.
    startFrom: 'new',
    eventTypes: [OrderStatusChangedV1.type],
    group: CANCELLED_ORDERS_GROUP,
    consumer: config.instanceId,
    handler: cancelledOrdersHandler(coupons, logger),
    logger,
  });

  const readiness: ReadinessCheck[] = [postgresCheck(() => prisma.$queryRaw`SELECT 1`), redisCheck(busRedis)];

  const service = await bootstrapService({
    name: 'pricing',
    module: PricingModule.forRoot({ quotes, admin, flashSales, coupons, demand, naive }),
    ...listenOn(config),
    readiness,
    logger,
    errorMappers: [(err) => (isDatabaseUnavailableError(err) ? unavailable('the pricing database is unavailable; retry shortly') : undefined)],
    handleSignals: overrides.handleSignals ?? true,
    onShutdown: async () => {
      await demandJob.stop();
      await committedSales.stop();
      await processedRetention.stop();
      await soldOutConsumer.stop();
      await cancelledOrders.stop();
      await sweeper.stop();
      await couponSweep.stop();
      await backfill.stop();
      await productConsumer.stop();
      await relay.stop();
      await Promise.all([catalog.close(), inventory.close()]);
      await prisma.$disconnect();
      await changeSignals.stop();
      busRedis.disconnect();
      cacheRedis.disconnect();
    },
  });
  registerOutboxMetrics(service.metrics.registry, [relay]);
  registerStreamConsumerMetrics(service.metrics.registry, [productConsumer, committedSales, soldOutConsumer, cancelledOrders]);
  changeSignals.start();
  await relay.start();
  await productConsumer.start();
  startWhenReachable(committedSales, logger);
  processedRetention.start();
  if (config.backfillOnStart) backfill.start();
  sweeper.start();
  startWhenReachable(soldOutConsumer, logger);
  startWhenReachable(cancelledOrders, logger);
  couponSweep.start();
  demandJob.start();
  return { ...service, quotes, backfill, demand, demandPrices };
}
