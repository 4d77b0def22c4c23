import { z } from 'zod';
import type { SagaSettings } from './jobs/saga-jobs.js';
import { envFlag, envInt, type ListenerConfig, listenerEnv, postgresEnv, redisEnv, serviceConfig, type StorageConfig, outboxEnv, outboxRetentionMs } from '@shop/service-kit';

/** Environment of the payments service; every variable has a safe local default (see README). */
export const PaymentsEnv = z.object({
  NODE_ENV: z.string().default('development'),
  /**
   * The only built-in provider is the simulated one (test tokens, no money moves): with
   * NODE_ENV=production payments refuses to start on it unless this says so explicitly.
   */
  ALLOW_SIMULATED_PAYMENTS: envFlag(false),
  ...listenerEnv('PAYMENTS', 3005),
  ...postgresEnv,
  ...redisEnv,
  ...outboxEnv,
  CART_URL: z.string().url().default('http://127.0.0.1:3003'),
  ORDERS_URL: z.string().url().default('http://127.0.0.1:3004'),
  /** The pricing service: signed quotes and coupon holds. */
  PRICING_URL: z.string().url().default('http://127.0.0.1:3006'),
  /** Must equal the inventory service's: the partition of a SKU is hash(sku) mod this. */
  INVENTORY_PARTITIONS: envInt(64, 1, 65_536),
  INVENTORY_ROUTER_REFRESH_MS: envInt(500, 1),
  /** Timeout of each call to cart, pricing, orders and inventory. */
  PAYMENTS_UPSTREAM_TIMEOUT_MS: envInt(3000, 1),
  /** Keep-alive connections per upstream (per inventory instance). */
  PAYMENTS_UPSTREAM_CONNECTIONS: envInt(64, 1),
  PAYMENTS_DB_POOL: envInt(10, 1),
  /** How long checkout holds the stock while the payment goes through. */
  CHECKOUT_RESERVATION_TTL_SECONDS: envInt(900, 1, 86_400),
  /**
   * How long pricing keeps a checkout's coupon use held before giving it back on its own (a saga
   * that died). Longer than the stock hold plus the saga's retries, so a live checkout never loses it.
   */
  CHECKOUT_COUPON_HOLD_TTL_SECONDS: envInt(3600, 1, 86_400),
  /** The client's timeout of a payment provider call: past it the outcome is unknown. */
  PAYMENT_PROVIDER_TIMEOUT_MS: envInt(2000, 1),
  SIM_PROVIDER_LATENCY_MS: envInt(50),
  SIM_SLOW_LATENCY_MS: envInt(3000),
  SIM_TRANSIENT_FAILURES: envInt(2),
  SAGA_CONCURRENCY: envInt(64, 1),
  SAGA_STEP_ATTEMPTS: envInt(8, 1),
  SAGA_BACKOFF_MS: envInt(250, 1),
  SAGA_JOB_LOCK_MS: envInt(30_000, 1000),
  SAGA_SWEEP_MS: envInt(15_000, 100),
  SAGA_STALE_MS: envInt(30_000, 100),
  SAGA_ABANDON_MS: envInt(120_000, 100),
  /** Run a new checkout's saga on in the process that took its request (false: every saga goes through the queue). */
  SAGA_RUN_AFTER_REQUEST: envFlag(true),
});

export interface PaymentsConfig extends ListenerConfig, StorageConfig {
  /** Published outbox rows are deleted after this (undefined: kept for good). */
  outboxRetentionMs: number | undefined;
  cartUrl: string;
  ordersUrl: string;
  pricingUrl: string;
  inventoryPartitions: number;
  inventoryRouterRefreshMs: number;
  upstreamTimeoutMs: number;
  upstreamConnections: number;
  dbPool: number;
  reservationTtlSeconds: number;
  couponHoldTtlSeconds: number;
  providerTimeoutMs: number;
  /** False in production unless ALLOW_SIMULATED_PAYMENTS=true. */
  simulatedProviderAllowed: boolean;
  sim: { latencyMs: number; slowLatencyMs: number; transientFailures: number };
  saga: SagaSettings;
}

export function paymentsConfigFrom(env: z.infer<typeof PaymentsEnv>): PaymentsConfig {
  return {
    ...serviceConfig(env, 'PAYMENTS'),
    outboxRetentionMs: outboxRetentionMs(env),
    cartUrl: env.CART_URL,
    ordersUrl: env.ORDERS_URL,
    pricingUrl: env.PRICING_URL,
    inventoryPartitions: env.INVENTORY_PARTITIONS,
    inventoryRouterRefreshMs: env.INVENTORY_ROUTER_REFRESH_MS,
    upstreamTimeoutMs: env.PAYMENTS_UPSTREAM_TIMEOUT_MS,
    upstreamConnections: env.PAYMENTS_UPSTREAM_CONNECTIONS,
    dbPool: env.PAYMENTS_DB_POOL,
    reservationTtlSeconds: env.CHECKOUT_RESERVATION_TTL_SECONDS,
    couponHoldTtlSeconds: env.CHECKOUT_COUPON_HOLD_TTL_SECONDS,
    providerTimeoutMs: env.PAYMENT_PROVIDER_TIMEOUT_MS,
    simulatedProviderAllowed: env.NODE_ENV !== 'production' || env.ALLOW_SIMULATED_PAYMENTS,
    sim: { latencyMs: env.SIM_PROVIDER_LATENCY_MS, slowLatencyMs: env.SIM_SLOW_LATENCY_MS, transientFailures: env.SIM_TRANSIENT_FAILURES },
    saga: {
      concurrency: env.SAGA_CONCURRENCY,
      attempts: env.SAGA_STEP_ATTEMPTS,
      backoffMs: env.SAGA_BACKOFF_MS,
      lockMs: env.SAGA_JOB_LOCK_MS,
      sweepMs: env.SAGA_SWEEP_MS,
      staleMs: env.SAGA_STALE_MS,
      abandonMs: env.SAGA_ABANDON_MS,
      runAfterRequest: env.SAGA_RUN_AFTER_REQUEST,
    },
  };
}
