import { OrderStatusChangedV1, streamOf } from '@shop/contracts';
import { EventBus, OutboxRelay, registerOutboxMetrics, registerStreamConsumerMetrics, StreamConsumer, createRedis } from '@shop/messaging';
import { createLogger, type Logger, type ReadinessCheck } from '@shop/observability';
import { InstanceRegistry, PartitionRouter } from '@shop/partitioning';
import { createPrismaClient, isDatabaseUnavailableError, pgPoolOf, type PrismaClient } from '@shop/persistence';
import { bootstrapService, listenOn, postgresCheck, redisCheck, type RunningService, ServiceClient, type ServiceOverrides, unavailable } from '@shop/service-kit';
import { CheckoutService } from './application/checkout-service.js';
import { CartClient } from './adapters/cart-client.js';
import { InventoryClient, type InventoryPartitionView } from './adapters/inventory-client.js';
import { OrdersClient } from './adapters/orders-client.js';
import { PricingClient } from './adapters/pricing-client.js';
import type { PaymentsConfig } from './config.js';
import { SagaJobs } from './jobs/saga-jobs.js';
import { ORDER_REFUNDS_EVENT_TYPES, ORDER_REFUNDS_GROUP, orderRefundsHandler } from './messaging/order-refunds.consumer.js';
import { createPaymentsMetrics } from './payments-metrics.js';
import { PaymentsModule } from './payments.module.js';
import { CheckoutRepository } from './adapters/checkout.repository.js';
import { PAYMENTS_SOURCE, PaymentRepository } from './adapters/payment.repository.js';
import type { PaymentProvider } from './application/payment-provider.js';
import { SimulatedCardProvider } from './adapters/simulated-card-provider.js';
import { TimeoutPaymentProvider } from './adapters/timeout-payment-provider.js';
import { SagaRunner, type SagaSteps } from './saga/saga-runner.js';
import { authorizePaymentStep } from './saga/steps/authorize-payment.step.js';
import { awaitPaymentStep } from './saga/steps/await-payment.step.js';
import { capturePaymentStep } from './saga/steps/capture-payment.step.js';
import { clearCartStep } from './saga/steps/clear-cart.step.js';
import { commitStockStep } from './saga/steps/commit-stock.step.js';
import { confirmOrderStep } from './saga/steps/confirm-order.step.js';
import { consumeCouponStep } from './saga/steps/consume-coupon.step.js';
import { createOrderStep } from './saga/steps/create-order.step.js';
import { holdCouponStep } from './saga/steps/hold-coupon.step.js';
import { quoteStep } from './saga/steps/quote.step.js';
import { reserveStockStep } from './saga/steps/reserve-stock.step.js';

export interface PaymentsOverrides extends Pick<ServiceOverrides, 'handleSignals'> {
  /** Another PSP adapter instead of the simulated one (the client timeout still applies). */
  provider?: PaymentProvider;
  /** Where inventory partitions live, instead of the Redis instance registry. */
  inventoryView?: InventoryPartitionView;
}

export interface RunningPayments extends RunningService {
  prisma: PrismaClient;
  repository: CheckoutRepository;
  runner: SagaRunner;
  jobs: SagaJobs;
  provider: PaymentProvider;
}

/**
 * The composition root: the checkout saga (its steps, runner and BullMQ jobs), the payment
 * provider behind its client timeout, the HTTP clients of cart, pricing, orders and inventory
 * (partition-sticky through the instance registry), then the HTTP server; stopped in reverse.
 */
export class SimulatedProviderRefusedError extends Error {
  constructor() {
    super('the simulated card provider approves test tokens and moves no money: with NODE_ENV=production payments starts on it only with ALLOW_SIMULATED_PAYMENTS=true');
    this.name = 'SimulatedProviderRefusedError';
  }
}

export async function startPayments(config: PaymentsConfig, overrides: PaymentsOverrides = {}): Promise<RunningPayments> {
  // Checked before anything connects or listens: a refused start leaves no trace.
  if (!overrides.provider && !config.simulatedProviderAllowed) throw new SimulatedProviderRefusedError();
  const logger = createLogger({ service: 'payments' });
  const prisma = createPrismaClient({ databaseUrl: config.databaseUrl, queryTimeoutMillis: config.databaseQueryTimeoutMs, applicationName: 'payments', poolMax: config.dbPool });
  const redis = createRedis(config, { maxRetriesPerRequest: 3 });
  redis.on('error', () => undefined); // reported through readiness; the router keeps its last view and retries

  const router = overrides.inventoryView
    ? undefined
    : new PartitionRouter({
        source: new InstanceRegistry({ redis, prefix: config.redisPrefix }),
        partitions: config.inventoryPartitions,
        refreshMs: config.inventoryRouterRefreshMs,
        logger,
      });
  const upstream = { caller: 'payments', timeoutMs: config.upstreamTimeoutMs, connections: config.upstreamConnections };
  const cart = new CartClient(new ServiceClient({ ...upstream, service: 'cart', origin: config.cartUrl }));
  const orders = new OrdersClient(new ServiceClient({ ...upstream, service: 'orders', origin: config.ordersUrl }));
  const pricing = new PricingClient(new ServiceClient({ ...upstream, service: 'pricing', origin: config.pricingUrl }));
  // No default origin: each call goes to the instance owning its partition.
  const inventory = new InventoryClient(overrides.inventoryView ?? router!, new ServiceClient({ ...upstream, service: 'inventory' }));

  const provider = new TimeoutPaymentProvider(
    overrides.provider ??
      new SimulatedCardProvider(prisma, {
        ...config.sim,
        // tok_timeout answers only after the client gave up.
        lateAnswerMs: config.providerTimeoutMs + 1_000,
      }),
    config.providerTimeoutMs,
  );

  const repository = new CheckoutRepository(prisma);
  const payments = new PaymentRepository(prisma);
  const steps: SagaSteps = {
    quote: quoteStep({ cart, pricing, inventory, now: () => new Date() }),
    hold_coupon: holdCouponStep({ pricing, ttlSeconds: config.couponHoldTtlSeconds }),
    create_order: createOrderStep({ orders }),
    reserve_stock: reserveStockStep({ inventory, ttlSeconds: config.reservationTtlSeconds, cardFingerprint: (token) => provider.cardFingerprint(token) }),
    await_payment: awaitPaymentStep({ orders }),
    authorize_payment: authorizePaymentStep({ provider }),
    commit_stock: commitStockStep({ inventory, orders }),
    consume_coupon: consumeCouponStep({ pricing }),
    confirm_order: confirmOrderStep({ orders }),
    capture_payment: capturePaymentStep({ provider, payments }),
    clear_cart: clearCartStep({ cart }),
  };
  const metrics = createPaymentsMetrics();
  const runner = new SagaRunner(repository, steps, logger, {
    stepSucceeded: (step, kind) => metrics.steps.inc({ step, kind, result: 'succeeded' }),
    stepRetried: (step, kind) => metrics.steps.inc({ step, kind, result: 'retried' }),
    settled: (checkout) => metrics.settled.inc({ state: checkout.state }),
  });
  const jobs = new SagaJobs({
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    runner,
    repository,
    logger,
    ...config.saga,
    onDead: (checkout) => metrics.dead.inc({ step: checkout.currentStep ?? 'unknown' }),
  });
  metrics.countRunningAfterRequest(() => jobs.runningAfterRequest);
  const checkouts = new CheckoutService(repository, runner, jobs, metrics);
  // payments.payment.* events leave through the outbox (the relay polls; Redis down: they wait).
  const relay = new OutboxRelay({ pool: pgPoolOf(prisma), bus: new EventBus({ redis, prefix: config.redisPrefix }), source: PAYMENTS_SOURCE, logger, retentionMs: config.outboxRetentionMs });
  // A paid order undone later (an admin's cancel or refund): the money goes back.
  const refunds = new StreamConsumer({
    redis,
    prefix: config.redisPrefix,
    streams: streamOf(OrderStatusChangedV1.type),
    // Orders' other events (created, every line change) are acknowledged unread.
    eventTypes: ORDER_REFUNDS_EVENT_TYPES,
    group: ORDER_REFUNDS_GROUP,
    handler: orderRefundsHandler({ provider, payments, logger }),
    logger,
  });

  const readiness: ReadinessCheck[] = [
    postgresCheck(() => prisma.$queryRaw`SELECT 1`),
    redisCheck(redis),
  ];

  const service = await bootstrapService({
    name: 'payments',
    module: PaymentsModule.forRoot({ checkouts }),
    ...listenOn(config),
    readiness,
    logger,
    errorMappers: [
      (err) => (isDatabaseUnavailableError(err) ? unavailable('the payments database is unavailable; retry shortly') : undefined),
    ],
    handleSignals: overrides.handleSignals ?? true,
    onShutdown: async () => {
      await refunds.stop();
      await relay.stop();
      await jobs.stop();
      await router?.stop();
      await Promise.all([cart.close(), orders.close(), pricing.close(), inventory.close()]);
      await prisma.$disconnect();
      redis.disconnect();
    },
  });
  metrics.register(service.metrics.registry);
  registerOutboxMetrics(service.metrics.registry, [relay]);
  registerStreamConsumerMetrics(service.metrics.registry, [refunds]);
  await router?.start();
  jobs.start();
  await relay.start();
  startWhenReachable(refunds, logger);
  return { ...service, prisma, repository, runner, jobs, provider };
}

/** The consumer needs Redis to create its group; until Redis answers it keeps trying. */
function startWhenReachable(consumer: StreamConsumer, logger: Logger, retryMs = 2000): void {
  consumer.start().catch((err: unknown) => {
    logger.warn({ err: String(err) }, 'order refunds consumer cannot start yet; retrying');
    setTimeout(() => startWhenReachable(consumer, logger, retryMs), retryMs).unref();
  });
}
