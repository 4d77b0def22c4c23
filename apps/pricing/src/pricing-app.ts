import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { ReservationCommittedV1, streamOf, systemClock } from '@shop/contracts';
import { CatalogVariantClient } from '@shop/catalog-client';
import { EventBus, OutboxRelay, ProcessedEvents, StreamConsumer } from '@shop/messaging';
import { createLogger, type Logger, type ReadinessCheck } from '@shop/observability';
import { createPrismaClient, isDatabaseUnavailableError } from '@shop/persistence';
import { bootstrapService, listenOn, postgresCheck, redisCheck, type RunningService, type ServiceOverrides, unavailable } from '@shop/service-kit';
import { CatalogListPrices } from './adapters/catalog-list-prices.js';
import { DemandRuleRepository } from './adapters/demand-rule.repository.js';
import { DemandPricing, type ListPrices } from './application/demand-pricing.js';
import { PRICING_SOURCE } from './application/pricing-source.js';
import type { PricingConfig } from './config.js';
import { decideDemandPrice } from './domain/demand-rule.js';
import { DemandEvaluationJob } from './jobs/demand-evaluation.job.js';
import { COMMITTED_SALES_GROUP, committedSalesHandler } from './messaging/committed-sales.consumer.js';
import { PricingModule } from './pricing.module.js';

export type PricingOverrides = ServiceOverrides;

export interface RunningPricing extends RunningService {
  /** Demand pricing's use cases (tests run an evaluation pass at a time they choose). */
  demand: DemandPricing;
  /** The quote's source of demand prices. */
  demandPrices: DemandRuleRepository;
}

/**
 * The composition root: builds the pricing service's collaborators from its configuration,
 * starts the HTTP server, the outbox relay and the event consumers, and stops them in reverse.
 */
export async function startPricing(config: PricingConfig, overrides: PricingOverrides = {}): Promise<RunningPricing> {
  const logger = createLogger({ service: 'pricing' });
  const clock = overrides.clock ?? systemClock;
  const prisma = createPrismaClient({ databaseUrl: config.databaseUrl, applicationName: 'pricing' });
  const busRedis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3 });
  busRedis.on('error', () => undefined); // reported through readiness; the relay retries on its own

  const bus = new EventBus({ redis: busRedis, prefix: config.redisPrefix });
  const relay = new OutboxRelay({ prisma, bus, source: PRICING_SOURCE, logger, listen: { databaseUrl: config.databaseUrl } });

  const upstream = { caller: 'pricing', timeoutMs: config.upstreamTimeoutMs };
  const catalog = new CatalogVariantClient({ ...upstream, origin: config.catalogUrl });
  // Demand pricing: sell-through from inventory's committed reservations, evaluated every minute.
  const listPrices: ListPrices = new CatalogListPrices(catalog);
  const demandRules = new DemandRuleRepository(prisma);
  const demand = new DemandPricing(demandRules, listPrices, clock, decideDemandPrice);
  const demandJob = new DemandEvaluationJob(demand, config.demandEvaluationEveryMs, logger);
  const committedSales = new StreamConsumer({
    redis: busRedis,
    prefix: config.redisPrefix,
    streams: streamOf(ReservationCommittedV1.type),
    group: COMMITTED_SALES_GROUP,
    consumer: `${hostname()}-${process.pid}`,
    handler: committedSalesHandler(new ProcessedEvents(prisma)),
    logger,
  });

  const readiness: ReadinessCheck[] = [postgresCheck(() => prisma.$queryRaw`SELECT 1`), redisCheck(busRedis)];

  const service = await bootstrapService({
    name: 'pricing',
    module: PricingModule.forRoot({ prisma, clock, demand }),
    ...listenOn(config),
    readiness,
    logger,
    errorMappers: [(err) => (isDatabaseUnavailableError(err) ? unavailable('the pricing database is unavailable; retry shortly') : undefined)],
    handleSignals: overrides.handleSignals ?? true,
    onShutdown: async () => {
      await demandJob.stop();
      await committedSales.stop();
      await relay.stop();
      await catalog.close();
      await prisma.$disconnect();
      busRedis.disconnect();
    },
  });
  await relay.start();
  startWhenReachable(committedSales, logger);
  demandJob.start();
  return { ...service, demand, demandPrices: demandRules };
}

/** A consumer needs Redis to create its group; until Redis answers it keeps trying. */
function startWhenReachable(consumer: StreamConsumer, logger: Logger, retryMs = 2000): void {
  consumer.start().catch((err: unknown) => {
    logger.warn({ err: String(err), group: consumer.group }, 'consumer cannot start yet; retrying');
    setTimeout(() => startWhenReachable(consumer, logger, retryMs), retryMs).unref();
  });
}
