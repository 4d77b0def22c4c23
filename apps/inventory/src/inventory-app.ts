import { OrderRefundedV1, streamOf, systemClock } from '@shop/contracts';
import { EventBus, OutboxRelay, registerOutboxMetrics, registerStreamConsumerMetrics, StreamConsumer, createRedis } from '@shop/messaging';
import { createLogger, type ReadinessCheck } from '@shop/observability';
import { createPgPool, isDatabaseUnavailableError } from '@shop/persistence/pg';
import { bootstrapService, listenOn, postgresCheck, redisCheck, type RunningService, type ServiceOverrides, unavailable } from '@shop/service-kit';
import { PartitionManager } from './actor/partition-manager.js';
import { ReservationActor } from './actor/reservation-actor.js';
import { InventoryService } from './application/inventory-service.js';
import { PartitionDispatcher } from './application/partition-dispatcher.js';
import { ReservationCoordinator } from './application/reservation-coordinator.js';
import { InventoryPeerClient } from './adapters/inventory-peer-client.js';
import type { InventoryConfig } from './config.js';
import { createInventoryMetrics, type InventoryMetrics } from './inventory-metrics.js';
import { InventoryModule } from './inventory.module.js';
import { ExpiryJobs } from './jobs/expiry-jobs.js';
import { INVENTORY_SOURCE } from './messaging/inventory-envelopes.js';
import { productStatusConsumer } from './messaging/product-status.consumer.js';
import { ORDER_RESTOCKS_EVENT_TYPES, ORDER_RESTOCKS_GROUP, orderRestocksHandler } from './messaging/order-restocks.consumer.js';
import { NaiveReservations } from './naive/naive-reservations.js';
import { RegistryOwnership, type PartitionOwnership } from './ownership/partition-ownership.js';
import { PartitionStore } from './adapters/partition-store.js';

export interface InventoryOverrides extends ServiceOverrides {
  ownership?: PartitionOwnership;
}

export interface RunningInventory extends RunningService {
  instanceId: string;
  inventory: InventoryService;
  manager: PartitionManager;
  store: PartitionStore;
  expiry: ExpiryJobs;
  ownership: PartitionOwnership;
}

/**
 * The composition root: builds the engine (partition store, actors, ownership, expiry, outbox
 * relay) from the configuration, starts the HTTP server, joins the instance registry, takes the
 * leases of the partitions assigned to it, and stops it all in reverse (leaving the registry
 * first so the others take the partitions over at once).
 */
export async function startInventory(config: InventoryConfig, overrides: InventoryOverrides = {}): Promise<RunningInventory> {
  const logger = createLogger({ service: 'inventory' });
  const clock = overrides.clock ?? systemClock;
  const onConnectionError = (error: Error): void => logger.warn({ err: error.message }, 'postgres connection lost; it is replaced on next use');
  // The outbox relay's own two connections (a batch holds one while it publishes to Redis), apart
  // from the engine's. Plain pg: inventory has no Prisma client (an idle inventory with one held
  // ~15 MB more resident, docs/benchmarks.md).
  const relayPool = createPgPool({ connectionString: config.databaseUrl, max: 2, application_name: 'inventory', connectionTimeoutMillis: 5_000, query_timeout: config.databaseQueryTimeoutMs, onConnectionError });
  const store = new PartitionStore({ databaseUrl: config.databaseUrl, queryTimeoutMs: config.databaseQueryTimeoutMs, poolMax: config.dbPool, leaseTtlMs: config.leaseTtlMs, onConnectionError });
  const redis = createRedis(config, { maxRetriesPerRequest: 3 });
  redis.on('error', () => undefined); // reported through readiness; the registry and the bus retry

  const ownership =
    overrides.ownership ??
    new RegistryOwnership({
      redis,
      prefix: config.redisPrefix,
      instanceId: config.instanceId,
      partitions: config.partitions,
      heartbeatMs: config.registryHeartbeatMs,
      ttlMs: config.registryTtlMs,
      refreshMs: config.routerRefreshMs,
      logger,
    });

  // Metrics live in the service's registry, which exists once it booted (actors start after that);
  // expiry needs the service it schedules for. Both are filled in below.
  const late: { metrics?: InventoryMetrics; expiry?: ExpiryJobs } = {};
  const manager: PartitionManager = new PartitionManager({
    ownership,
    store,
    renewEveryMs: Math.max(50, Math.floor(config.leaseTtlMs / 3)),
    logger,
    createActor: (partition) =>
      new ReservationActor({
        partition,
        owner: ownership.instanceId,
        store,
        clock,
        metrics: late.metrics!,
        logger,
        mailboxLimit: config.mailboxLimit,
        maxBatch: config.maxBatch,
        keyWindowMs: config.idempotencyWindowMs,
        acquireRetryMs: 100,
        readyWaitMs: config.readyWaitMs,
        onCommitted: (p, delta) => {
          if (delta.holdsAdded.length > 0) late.expiry?.schedule(p, delta.holdsAdded.map((h) => h.expiresAt));
        },
      }),
  });
  const peers = new InventoryPeerClient(config.peerTimeoutMs);
  const dispatcher = new PartitionDispatcher({ ownership, manager, peers, onForward: () => late.metrics?.forwarded.inc() });
  const inventory = new InventoryService({
    dispatcher,
    coordinator: new ReservationCoordinator({ dispatcher, participantGraceMs: config.participantGraceMs, logger }),
    store,
    clock,
    defaultTtlSeconds: config.reservationTtlSeconds,
    customerHoldTtlSeconds: config.customerHoldTtlSeconds,
    customerHoldBounds: config.customerHoldBounds,
    lowStockThreshold: config.lowStockThreshold,
    logger,
    onRefused: (code) => late.metrics?.reservationRefused(code),
  });
  const expiry = new ExpiryJobs({
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    clock,
    logger,
    expire: (partition) => inventory.expire(partition),
    duePartitions: (now) => manager.all().filter((a) => a.isReady && a.hasDueHolds(now)).map((a) => a.partition),
    sweepEveryMs: config.expirySweepMs,
  });
  late.expiry = expiry;
  const naive = config.naiveBaseline ? new NaiveReservations(config.databaseUrl, config.dbPool, config.partitions, clock, config.reservationTtlSeconds) : null;
  const relay = new OutboxRelay({ pool: relayPool, bus: new EventBus({ redis, prefix: config.redisPrefix }), source: INVENTORY_SOURCE, logger, retentionMs: config.outboxRetentionMs, batchSize: 500 });
  // Product statuses from the catalog (every product ever announced: from the stream's beginning).
  const productStatus = new StreamConsumer({
    redis,
    prefix: config.redisPrefix,
    streams: 'events.catalog',
    startFrom: 'beginning',
    group: 'inventory-product-status',
    consumer: config.instanceId,
    handler: productStatusConsumer(inventory),
    logger,
  });
  // Sold units back into stock when a paid order is cancelled or refunded. Each delivery is
  // retried every 10 s for about a day while inventory cannot answer (never lost; then dead-lettered).
  const orderRestocks = new StreamConsumer({
    redis,
    prefix: config.redisPrefix,
    streams: streamOf(OrderRefundedV1.type),
    // Observed, cause not found: with the default 5 s block, engine-safety's backpressure test lost
    // the instance's registry heartbeat on a loaded machine every time; with 1 s it passes.
    blockMs: 1000,
    startFrom: 'beginning',
    group: ORDER_RESTOCKS_GROUP,
    eventTypes: ORDER_RESTOCKS_EVENT_TYPES,
    consumer: config.instanceId,
    handler: orderRestocksHandler(inventory),
    maxAttempts: 10_000,
    claimIdleMs: 10_000,
    logger,
  });

  const readiness: ReadinessCheck[] = [
    postgresCheck(() => store.pool.query('SELECT 1')),
    redisCheck(redis),
    {
      name: 'partitions',
      check: async () => {
        const waiting = manager.all().filter((a) => !a.isReady).length;
        if (waiting > 0) throw new Error(`${waiting} partitions loading`);
      },
    },
  ];

  const service = await bootstrapService({
    name: 'inventory',
    module: InventoryModule.forRoot({ inventory, store, naive, config }),
    ...listenOn(config),
    readiness,
    logger,
    errorMappers: [(err) => (isDatabaseUnavailableError(err) ? unavailable('the inventory database is unavailable; retry shortly') : undefined)],
    handleSignals: overrides.handleSignals ?? true,
    onShutdown: async () => {
      await productStatus.stop();
      await orderRestocks.stop();
      await expiry.stop();
      await ownership.stop();
      await manager.stop();
      await peers.close();
      await relay.stop();
      await naive?.close();
      await store.close();
      await relayPool.end();
      redis.disconnect();
    },
  });
  late.metrics = createInventoryMetrics(service.metrics.registry, {
    mailboxDepths: () => manager.all().map((a) => a.depth),
    partitionsReady: () => manager.all().filter((a) => a.isReady).length,
  });
  registerOutboxMetrics(service.metrics.registry, [relay]);
  registerStreamConsumerMetrics(service.metrics.registry, [productStatus, orderRestocks]);

  await ownership.start(config.publicUrl ?? service.url);
  await manager.start();
  if (!(await manager.whenReady(config.leaseTtlMs + 5_000))) logger.warn('some partitions are not ready yet; they keep trying');
  expiry.start();
  await relay.start();
  await productStatus.start();
  await orderRestocks.start();
  service.logger.info({ instanceId: config.instanceId, partitions: ownership.owned().length }, 'inventory engine ready');
  return { ...service, instanceId: config.instanceId, inventory, manager, store, expiry, ownership };
}
