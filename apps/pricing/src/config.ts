import { z } from 'zod';
import { envInt, listenerEnv, postgresEnv, redisEnv, refineSecret, serviceConfig, outboxEnv, outboxRetentionMs, processedEventEnv, processedEventRetentionMs } from '@shop/service-kit';

/** Environment of the pricing service; every variable but the quote secret has a safe local default (see README). */
export const PricingEnv = z.object({
  ...listenerEnv('PRICING', 3006),
  ...postgresEnv,
  ...redisEnv,
  ...outboxEnv,
  ...processedEventEnv,
  /** Signs quotes (HMAC-SHA256) so checkout charges exactly the quote a shopper saw. No default: `npm start` generates one. */
  PRICING_QUOTE_SECRET: z.string().optional().superRefine(refineSecret).transform((v) => v as string),
  /** How long a quote holds at most (shorter when a price window closes sooner). */
  QUOTE_TTL_SECONDS: envInt(900, 1, 86_400),
  CATALOG_URL: z.string().url().default('http://127.0.0.1:3001'),
  /** The inventory instance to ask first; partitions are found through the instance registry. */
  INVENTORY_URL: z.string().url().default('http://127.0.0.1:3002'),
  /** Must equal the inventory service's INVENTORY_PARTITIONS. */
  INVENTORY_PARTITIONS: envInt(64, 1, 65_536),
  PRICING_UPSTREAM_TIMEOUT_MS: envInt(2000, 1),
  /** Longest pause between flash-sale sweeps (starts and ends fire at their instant anyway). */
  FLASH_SALE_SWEEP_MS: envInt(1000, 10, 60_000),
  /** How long a SKU's live sale figures from inventory are reused (protects inventory under a spike). */
  FLASH_SALE_FIGURES_CACHE_MS: envInt(500, 0, 5000),
  /** How long a checkout's coupon hold lasts when it names no TTL; then the sweep gives the use back. */
  COUPON_HOLD_TTL_SECONDS: envInt(900, 1, 86_400),
  /** How often expired coupon holds are swept. */
  COUPON_HOLD_SWEEP_MS: envInt(5000, 10, 3_600_000),
  /** How often each instance looks for demand rules due for evaluation. */
  DEMAND_EVALUATION_EVERY_MS: envInt(60_000, 100),
  /** Benchmark only (npm run bench:pricing): mounts POST /api/pricing/naive/quote, the naive baseline. Never on in a shop. */
  PRICING_NAIVE_BASELINE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** Shipping of every quote before free-shipping discounts, minor units (the same meaning as the orders service's). */
  SHIPPING_FLAT_FEE: envInt(0, 0, 100_000_000),
  /** Read the catalog's products into product_price on start (products seeded without events). */
  PRICING_BACKFILL_ON_START: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
});
export type PricingEnv = z.infer<typeof PricingEnv>;

export function pricingConfigFrom(env: PricingEnv) {
  return {
    ...serviceConfig(env, 'PRICING'),
    outboxRetentionMs: outboxRetentionMs(env),
    processedEventRetentionMs: processedEventRetentionMs(env),
    quoteSecret: env.PRICING_QUOTE_SECRET,
    quoteTtlSeconds: env.QUOTE_TTL_SECONDS,
    catalogUrl: env.CATALOG_URL,
    inventoryUrl: env.INVENTORY_URL,
    inventoryPartitions: env.INVENTORY_PARTITIONS,
    upstreamTimeoutMs: env.PRICING_UPSTREAM_TIMEOUT_MS,
    flashSaleSweepMs: env.FLASH_SALE_SWEEP_MS,
    flashSaleFiguresCacheMs: env.FLASH_SALE_FIGURES_CACHE_MS,
    couponHoldTtlSeconds: env.COUPON_HOLD_TTL_SECONDS,
    couponHoldSweepMs: env.COUPON_HOLD_SWEEP_MS,
    demandEvaluationEveryMs: env.DEMAND_EVALUATION_EVERY_MS,
    naiveBaseline: env.PRICING_NAIVE_BASELINE,
    shippingFlatFee: env.SHIPPING_FLAT_FEE,
    backfillOnStart: env.PRICING_BACKFILL_ON_START,
    instanceId: `pricing-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
  };
}

export type PricingConfig = ReturnType<typeof pricingConfigFrom>;
