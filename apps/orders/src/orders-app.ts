import { systemClock } from '@shop/contracts';
import { EventBus, OutboxRelay, registerOutboxMetrics, createRedis } from '@shop/messaging';
import { createLogger, type ReadinessCheck } from '@shop/observability';
import { createPrismaClient, isDatabaseUnavailableError, pgPoolOf } from '@shop/persistence';
import { bootstrapService, listenOn, postgresCheck, redisCheck, type RunningService, type ServiceOverrides, unavailable } from '@shop/service-kit';
import { ORDERS_SOURCE } from './application/order-service.js';
import type { OrdersConfig } from './config.js';
import { OrdersModule } from './orders.module.js';
import { OrderRepository } from './adapters/order.repository.js';

export type OrdersOverrides = ServiceOverrides;

/**
 * The composition root: builds the orders service's collaborators from its configuration,
 * starts the HTTP server and the outbox relay, and stops them in reverse.
 */
export async function startOrders(config: OrdersConfig, overrides: OrdersOverrides = {}): Promise<RunningService> {
  const logger = createLogger({ service: 'orders' });
  const prisma = createPrismaClient({ databaseUrl: config.databaseUrl, queryTimeoutMillis: config.databaseQueryTimeoutMs, applicationName: 'orders', poolMax: config.dbPool });
  const busRedis = createRedis(config, { maxRetriesPerRequest: 3 });
  busRedis.on('error', () => undefined); // reported through readiness; the relay retries on its own

  const bus = new EventBus({ redis: busRedis, prefix: config.redisPrefix });
  const relay = new OutboxRelay({
    pool: pgPoolOf(prisma),
    bus,
    source: ORDERS_SOURCE,
    logger,
    retentionMs: config.outboxRetentionMs,
    ...(config.notifyOutbox ? { listen: { databaseUrl: config.databaseUrl } } : {}),
  });

  const readiness: ReadinessCheck[] = [
    postgresCheck(() => prisma.$queryRaw`SELECT 1`),
    // Orders are written without Redis, but their events wait in the outbox until it is back.
    redisCheck(busRedis),
  ];

  const service = await bootstrapService({
    name: 'orders',
    module: OrdersModule.forRoot({
      prisma,
      repository: new OrderRepository(prisma),
      clock: overrides.clock ?? systemClock,
      options: { shippingFlatFee: config.shippingFlatFee, notifyOutbox: config.notifyOutbox },
    }),
    ...listenOn(config),
    readiness,
    logger,
    errorMappers: [(err) => (isDatabaseUnavailableError(err) ? unavailable('the orders database is unavailable; retry shortly') : undefined)],
    handleSignals: overrides.handleSignals ?? true,
    onShutdown: async () => {
      await relay.stop();
      await prisma.$disconnect();
      busRedis.disconnect();
    },
  });
  registerOutboxMetrics(service.metrics.registry, [relay]);
  await relay.start();
  return service;
}
