import { z } from 'zod';
import { envInt, listenerEnv, postgresEnv, redisEnv, serviceConfig, outboxEnv, outboxRetentionMs } from '@shop/service-kit';

/** Environment of the orders service; every variable has a safe local default (see README). */
export const OrdersEnv = z.object({
  ...listenerEnv('ORDERS', 3004),
  ...postgresEnv,
  ...redisEnv,
  ...outboxEnv,
  /** Postgres connections (Prisma and the hot statements sent straight through `pg` share them). */
  ORDERS_DB_POOL: envInt(10, 1),
  /** Minor units of the order's currency, used when the checkout does not say. */
  SHIPPING_FLAT_FEE: z.coerce.number().int().min(0).max(100_000_000).default(0),
  ORDERS_OUTBOX_NOTIFY: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export function ordersConfigFrom(env: z.infer<typeof OrdersEnv>) {
  return {
    ...serviceConfig(env, 'ORDERS'),
    outboxRetentionMs: outboxRetentionMs(env),
    dbPool: env.ORDERS_DB_POOL,
    shippingFlatFee: env.SHIPPING_FLAT_FEE,
    notifyOutbox: env.ORDERS_OUTBOX_NOTIFY,
  };
}

export type OrdersConfig = ReturnType<typeof ordersConfigFrom>;
