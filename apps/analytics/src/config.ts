import { z } from 'zod';
import { envInt, listenerConfig, listenerEnv, redisConfig, redisEnv } from '@shop/service-kit';

const url = (fallback: string) => z.string().url().default(fallback);

/** Environment of the analytics service; every variable has a safe local default (see README). */
export const AnalyticsEnv = z.object({
  ...listenerEnv('ANALYTICS', 3008),
  ...redisEnv,
  // The services it watches (health, counters); `npm start` sets each <NAME>_URL.
  CATALOG_URL: url('http://127.0.0.1:3001'),
  INVENTORY_URL: url('http://127.0.0.1:3002'),
  CART_URL: url('http://127.0.0.1:3003'),
  ORDERS_URL: url('http://127.0.0.1:3004'),
  PAYMENTS_URL: url('http://127.0.0.1:3005'),
  PRICING_URL: url('http://127.0.0.1:3006'),
  SEARCH_URL: url('http://127.0.0.1:3007'),
  GATEWAY_URL: url('http://127.0.0.1:8080'),
  /** The gateway's internal metrics listener (GATEWAY_METRICS_PORT): its circuit breakers. */
  GATEWAY_METRICS_URL: url('http://127.0.0.1:9080'),
  /** How often health, breakers and counters are polled. */
  ANALYTICS_POLL_MS: envInt(2000, 100),
  /** How often the live stream sends an updated snapshot. */
  ANALYTICS_STREAM_INTERVAL_MS: envInt(1000, 100),
  /** Time limit of each poll request. */
  ANALYTICS_POLL_TIMEOUT_MS: envInt(1500, 50),
  /** A message left pending this long by a stopped or crashed instance is taken over. */
  ANALYTICS_CLAIM_IDLE_MS: envInt(30_000, 100),
});
export type AnalyticsEnv = z.infer<typeof AnalyticsEnv>;

export function analyticsConfigFrom(env: AnalyticsEnv) {
  return {
    ...listenerConfig(env, 'ANALYTICS'),
    ...redisConfig(env),
    /** Probed on /health/ready; the gateway's public URL too (its probe route is public). */
    services: {
      catalog: env.CATALOG_URL,
      inventory: env.INVENTORY_URL,
      cart: env.CART_URL,
      orders: env.ORDERS_URL,
      payments: env.PAYMENTS_URL,
      pricing: env.PRICING_URL,
      search: env.SEARCH_URL,
      gateway: env.GATEWAY_URL,
    } as Record<string, string>,
    gatewayMetricsUrl: env.GATEWAY_METRICS_URL,
    pollMs: env.ANALYTICS_POLL_MS,
    streamIntervalMs: env.ANALYTICS_STREAM_INTERVAL_MS,
    pollTimeoutMs: env.ANALYTICS_POLL_TIMEOUT_MS,
    claimIdleMs: env.ANALYTICS_CLAIM_IDLE_MS,
    instanceId: `analytics-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
  };
}

export type AnalyticsConfig = ReturnType<typeof analyticsConfigFrom>;
