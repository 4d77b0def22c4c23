import { z } from 'zod';
import { listenerConfig, listenerEnv, redisConfig, redisEnv } from '@shop/service-kit';
import { Currency } from '@shop/contracts';
import type { CartSettings } from './application/cart-service.js';

export const CART_CONFIG = Symbol('CART_CONFIG');

const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'));

/** Environment of the cart service; every variable has a safe local default (see README). */
export const CartEnv = z.object({
  NODE_ENV: z.string().default('development'),
  ...listenerEnv('CART', 3003),
  ...redisEnv,
  CATALOG_URL: z.string().url().default('http://127.0.0.1:3001'),
  CART_CATALOG_TIMEOUT_MS: z.coerce.number().int().min(1).default(1000),
  CART_CATALOG_CONNECTIONS: z.coerce.number().int().min(1).default(32),
  /** The pricing service: quotes (sale prices, promotions, coupons) and coupon checks. */
  PRICING_URL: z.string().url().default('http://127.0.0.1:3006'),
  /** A read waits this long for a quote before answering at list prices. */
  CART_PRICING_TIMEOUT_MS: z.coerce.number().int().min(1).default(1000),
  /** Inventory: how many units are left, so the cart never takes more than can be sold. */
  INVENTORY_URL: z.string().url().default('http://127.0.0.1:3002'),
  /** A change waits this long for inventory's count; without it the change goes through (checkout still reserves). */
  CART_INVENTORY_TIMEOUT_MS: z.coerce.number().int().min(1).default(500),
  CART_TTL_SECONDS: z.coerce.number().int().min(1).default(7 * 24 * 3600),
  CART_MAX_QUANTITY: z.coerce.number().int().min(1).max(999).default(99),
  CART_MAX_LINES: z.coerce.number().int().min(1).max(500).default(100),
  CART_CURRENCY: Currency.default('EUR'),
  CART_COOKIE_SECURE: flag,
});

export function cartConfigFrom(env: z.infer<typeof CartEnv>) {
  return {
    ...listenerConfig(env, 'CART'),
    ...redisConfig(env),
    catalog: { url: env.CATALOG_URL, timeoutMs: env.CART_CATALOG_TIMEOUT_MS, connections: env.CART_CATALOG_CONNECTIONS },
    pricing: { url: env.PRICING_URL, timeoutMs: env.CART_PRICING_TIMEOUT_MS },
    inventory: { url: env.INVENTORY_URL, timeoutMs: env.CART_INVENTORY_TIMEOUT_MS },
    cart: {
      ttlSeconds: env.CART_TTL_SECONDS,
      currency: env.CART_CURRENCY,
      limits: { maxQuantity: env.CART_MAX_QUANTITY, maxLines: env.CART_MAX_LINES },
    } satisfies CartSettings,
    cookieSecure: env.CART_COOKIE_SECURE ?? env.NODE_ENV === 'production',
  };
}

export type CartConfig = ReturnType<typeof cartConfigFrom>;
