import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { envFlag, envInt, type ListenerConfig, listenerEnv, postgresEnv, redisEnv, serviceConfig, type StorageConfig, outboxEnv, outboxRetentionMs } from '@shop/service-kit';

export const INVENTORY_CONFIG = Symbol('INVENTORY_CONFIG');

/** Environment of the inventory service; every variable has a safe local default (see README). */
export const InventoryEnv = z.object({
  ...listenerEnv('INVENTORY', 3002),
  ...postgresEnv,
  ...redisEnv,
  ...outboxEnv,
  /** Unique per process; the partition lease owner and registry id. */
  INSTANCE_ID: z.string().min(1).max(200).optional(),
  /** How other instances and the gateway reach this one (default: the address it listens on). */
  INVENTORY_PUBLIC_URL: z.string().url().optional(),
  INVENTORY_PARTITIONS: envInt(64, 1),
  RESERVATION_TTL_SECONDS: envInt(600, 1),
  /** A customer's own hold lives at most this long (a longer ttlSeconds is capped); trusted services are not capped. */
  CUSTOMER_HOLD_TTL_SECONDS: envInt(600, 1),
  /** Units of one SKU a customer may hold at once, unless the SKU's sale limit says otherwise. */
  CUSTOMER_HOLD_UNITS_PER_SKU: envInt(10, 1),
  /** Units a customer may hold at once over a partition's SKUs. */
  CUSTOMER_HOLD_UNITS_TOTAL: envInt(50, 1),
  /** The public stock view shows the count only at or below this many available units ("only 3 left"). */
  LOW_STOCK_THRESHOLD: envInt(5, 0),
  MAILBOX_LIMIT: envInt(2000, 1),
  MAX_BATCH: envInt(500, 1),
  INVENTORY_DB_POOL: envInt(6, 1),
  LEASE_TTL_MS: envInt(5000, 200),
  EXPIRY_SWEEP_MS: envInt(5000, 10),
  IDEMPOTENCY_WINDOW_SECONDS: envInt(86_400, 1),
  PARTICIPANT_GRACE_SECONDS: envInt(60, 0),
  READY_WAIT_MS: envInt(3000, 1),
  PEER_TIMEOUT_MS: envInt(3000, 1),
  REGISTRY_HEARTBEAT_MS: envInt(1000, 1),
  REGISTRY_TTL_MS: envInt(3000, 2),
  ROUTER_REFRESH_MS: envInt(500, 1),
  /** Serve POST /api/inventory/naive/reservations (the benchmark's baseline). Off in production. */
  INVENTORY_NAIVE_BASELINE: envFlag(false),
});

export interface InventoryConfig extends ListenerConfig, StorageConfig {
  /** Published outbox rows are deleted after this (undefined: kept for good). */
  outboxRetentionMs: number | undefined;
  instanceId: string;
  publicUrl: string | undefined;
  partitions: number;
  reservationTtlSeconds: number;
  customerHoldTtlSeconds: number;
  customerHoldBounds: { perSkuUnits: number; partitionUnits: number };
  lowStockThreshold: number;
  mailboxLimit: number;
  maxBatch: number;
  dbPool: number;
  leaseTtlMs: number;
  expirySweepMs: number;
  idempotencyWindowMs: number;
  participantGraceMs: number;
  readyWaitMs: number;
  peerTimeoutMs: number;
  registryHeartbeatMs: number;
  registryTtlMs: number;
  routerRefreshMs: number;
  naiveBaseline: boolean;
}

export function inventoryConfigFrom(env: z.infer<typeof InventoryEnv>): InventoryConfig {
  return {
    ...serviceConfig(env, 'INVENTORY'),
    outboxRetentionMs: outboxRetentionMs(env),
    instanceId: env.INSTANCE_ID ?? `inventory-${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    publicUrl: env.INVENTORY_PUBLIC_URL,
    partitions: env.INVENTORY_PARTITIONS,
    reservationTtlSeconds: env.RESERVATION_TTL_SECONDS,
    customerHoldTtlSeconds: env.CUSTOMER_HOLD_TTL_SECONDS,
    customerHoldBounds: { perSkuUnits: env.CUSTOMER_HOLD_UNITS_PER_SKU, partitionUnits: env.CUSTOMER_HOLD_UNITS_TOTAL },
    lowStockThreshold: env.LOW_STOCK_THRESHOLD,
    mailboxLimit: env.MAILBOX_LIMIT,
    maxBatch: env.MAX_BATCH,
    dbPool: env.INVENTORY_DB_POOL,
    leaseTtlMs: env.LEASE_TTL_MS,
    expirySweepMs: env.EXPIRY_SWEEP_MS,
    idempotencyWindowMs: env.IDEMPOTENCY_WINDOW_SECONDS * 1000,
    participantGraceMs: env.PARTICIPANT_GRACE_SECONDS * 1000,
    readyWaitMs: env.READY_WAIT_MS,
    peerTimeoutMs: env.PEER_TIMEOUT_MS,
    registryHeartbeatMs: env.REGISTRY_HEARTBEAT_MS,
    registryTtlMs: env.REGISTRY_TTL_MS,
    routerRefreshMs: env.ROUTER_REFRESH_MS,
    naiveBaseline: env.INVENTORY_NAIVE_BASELINE,
  };
}
