import { z } from 'zod';
import { listenerEnv, postgresEnv, redisEnv, serviceConfig } from '@shop/service-kit';

/** Environment of the orders service; every variable has a safe local default (see README). */
export const OrdersEnv = z.object({
  ...listenerEnv('ORDERS', 3004),
  ...postgresEnv,
  ...redisEnv,
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
    shippingFlatFee: env.SHIPPING_FLAT_FEE,
    notifyOutbox: env.ORDERS_OUTBOX_NOTIFY,
  };
}

export type OrdersConfig = ReturnType<typeof ordersConfigFrom>;
