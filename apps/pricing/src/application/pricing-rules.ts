import type { PriceListPrice, ScheduledSalePrice } from '../domain/price-resolution.js';
import type { PromotionRule } from '../domain/promotion-engine.js';

/** The rules of the pricing core a quote reads (implemented by the Prisma repository). */
export interface PricingRulesSource {
  /** Price-list entries and scheduled prices of these SKUs (scheduled ones not ended at `at`). */
  skuRules(skus: readonly string[], at: Date): Promise<Map<string, SkuRules>>;
  /** Active promotions not ended at `at` (including those that start later). */
  livePromotions(at: Date): Promise<PromotionRule[]>;
}

export interface SkuRules {
  priceLists: PriceListPrice[];
  scheduled: ScheduledSalePrice[];
}

export const NO_SKU_RULES: SkuRules = Object.freeze({ priceLists: [], scheduled: [] }) as SkuRules;

/**
 * A counter every instance shares (Redis) that a write to prices or promotions bumps after it
 * commits; the caches drop what they hold when it moved. Read on every quote (from memory while subscribed).
 */
export interface PricingChangeSignal {
  /** The current value; throws when it cannot be read (the caches are bypassed then). */
  current(): Promise<string>;
  bump(): Promise<void>;
}
