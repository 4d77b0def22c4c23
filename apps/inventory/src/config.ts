import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export const INVENTORY_CONFIG = Symbol('INVENTORY_CONFIG');

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

/** Environment of the inventory service; every variable has a safe local default (see README). */
export const InventoryEnv = z.object({
  INVENTORY_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  /** This service's own bind address (default loopback only: only the gateway should face clients). */
  INVENTORY_HOST: z.string().default('127.0.0.1'),
  /** When set (0 = random), /metrics moves off the service port to its own listener on 127.0.0.1. */
  INVENTORY_METRICS_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(65535).optional()),
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/shop'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().default(''),
  /** Unique per process; the partition lease owner and registry id. */
  INSTANCE_ID: z.string().min(1).max(200).optional(),
  /** How other instances and the gateway reach this one (default: the address it listens on). */
  INVENTORY_PUBLIC_URL: z.string().url().optional(),
  INVENTORY_PARTITIONS: int(64, 1),
  RESERVATION_TTL_SECONDS: int(600, 1),
  /** A customer's own hold lives at most this long (a longer ttlSeconds is capped); trusted services are not capped. */
  CUSTOMER_HOLD_TTL_SECONDS: int(600, 1),
  /** Units of one SKU a customer may hold at once, unless the SKU's sale limit says otherwise. */
  CUSTOMER_HOLD_UNITS_PER_SKU: int(10, 1),
  /** Units a customer may hold at once over a partition's SKUs. */
  CUSTOMER_HOLD_UNITS_TOTAL: int(50, 1),
  /** The public stock view shows the count only at or below this many available units ("only 3 left"). */
  LOW_STOCK_THRESHOLD: int(5, 0),
  MAILBOX_LIMIT: int(2000, 1),
  MAX_BATCH: int(500, 1),
  INVENTORY_DB_POOL: int(6, 1),
  LEASE_TTL_MS: int(5000, 200),
  EXPIRY_SWEEP_MS: int(5000, 10),
  IDEMPOTENCY_WINDOW_SECONDS: int(86_400, 1),
  PARTICIPANT_GRACE_SECONDS: int(60, 0),
  READY_WAIT_MS: int(3000, 1),
  PEER_TIMEOUT_MS: int(3000, 1),
  REGISTRY_HEARTBEAT_MS: int(1000, 1),
  REGISTRY_TTL_MS: int(3000, 2),
  ROUTER_REFRESH_MS: int(500, 1),
  /** Serve POST /api/inventory/naive/reservations (the benchmark's baseline). Off in production. */
  INVENTORY_NAIVE_BASELINE: flag(false),
});

export interface InventoryConfig {
  port: number;
  host: string;
  /** Own metrics listener (127.0.0.1), or undefined: /metrics on the service port. */
  metricsPort: number | undefined;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
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
    port: env.INVENTORY_PORT,
    host: env.INVENTORY_HOST,
    metricsPort: env.INVENTORY_METRICS_PORT,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX,
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
