import { Redis } from 'ioredis';
import { systemClock } from '@shop/contracts';
import { EventBus, OutboxRelay } from '@shop/messaging';
import { createLogger, type ReadinessCheck } from '@shop/observability';
import { createPrismaClient, isDatabaseUnavailableError } from '@shop/persistence';
import { bootstrapService, listenOn, postgresCheck, redisCheck, type RunningService, type ServiceOverrides, unavailable } from '@shop/service-kit';
import { CouponRepository } from './adapters/coupon.repository.js';
import { CouponService } from './application/coupon-service.js';
import { PRICING_SOURCE } from './application/pricing-source.js';
import { CouponHoldSweep } from './jobs/coupon-hold-sweep.js';
import type { PricingConfig } from './config.js';
import { PricingModule } from './pricing.module.js';

export type PricingOverrides = ServiceOverrides;

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

  const couponRepository = new CouponRepository(prisma);
  const coupons = new CouponService(couponRepository, clock, { holdTtlSeconds: config.couponHoldTtlSeconds });
  const couponSweep = new CouponHoldSweep(coupons, config.couponHoldSweepMs, logger);

  const readiness: ReadinessCheck[] = [postgresCheck(() => prisma.$queryRaw`SELECT 1`), redisCheck(busRedis)];

  const service = await bootstrapService({
    name: 'pricing',
    module: PricingModule.forRoot({ prisma, clock, coupons }),
    ...listenOn(config),
    readiness,
    logger,
    errorMappers: [(err) => (isDatabaseUnavailableError(err) ? unavailable('the pricing database is unavailable; retry shortly') : undefined)],
    handleSignals: overrides.handleSignals ?? true,
    onShutdown: async () => {
      await couponSweep.stop();
      await relay.stop();
      await prisma.$disconnect();
      busRedis.disconnect();
    },
  });
  await relay.start();
  couponSweep.start();
  return service;
}
