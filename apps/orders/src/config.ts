import { z } from 'zod';

/** Environment of the orders service; every variable has a safe local default (see README). */
export const OrdersEnv = z.object({
  ORDERS_PORT: z.coerce.number().int().min(0).max(65535).default(3004),
  /** This service's own bind address (default loopback only: only the gateway should face clients). */
  ORDERS_HOST: z.string().default('127.0.0.1'),
  /** When set (0 = random), /metrics moves off the service port to its own listener on 127.0.0.1. */
  ORDERS_METRICS_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(65535).optional()),
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/shop'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().default(''),
  /** Minor units of the order's currency, used when the checkout does not say. */
  SHIPPING_FLAT_FEE: z.coerce.number().int().min(0).max(100_000_000).default(0),
  ORDERS_OUTBOX_NOTIFY: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export interface OrdersConfig {
  port: number;
  host: string;
  /** Own metrics listener (127.0.0.1), or undefined: /metrics on the service port. */
  metricsPort: number | undefined;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  shippingFlatFee: number;
  notifyOutbox: boolean;
}

export function ordersConfigFrom(env: z.infer<typeof OrdersEnv>): OrdersConfig {
  return {
    port: env.ORDERS_PORT,
    host: env.ORDERS_HOST,
    metricsPort: env.ORDERS_METRICS_PORT,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX,
    shippingFlatFee: env.SHIPPING_FLAT_FEE,
    notifyOutbox: env.ORDERS_OUTBOX_NOTIFY,
  };
}
