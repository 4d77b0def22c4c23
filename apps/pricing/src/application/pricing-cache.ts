import { PromotionIndex } from '../domain/promotion-engine.js';
import type { ProductPriceRecord, ProductPrices } from './price-inputs.js';
import { NO_SKU_RULES, type PricingChangeSignal, type PricingRulesSource, type SkuRules } from './pricing-rules.js';

export interface PricingCacheOptions {
  products: ProductPrices;
  rules: PricingRulesSource;
  signal: PricingChangeSignal;
  /** SKUs held at most (products and their rules each); past it the cache starts over. */
  maxSkus?: number;
}

/**
 * Hot prices in process memory: each SKU's product record and its price-list and scheduled
 * prices, and the promotion index, kept until the shared change counter moves (a product event
 * handled, a price list, scheduled price or promotion written — on any instance). The counter is
 * read from memory while its announcements are followed (adapters/redis-change-signal.ts), from
 * Redis otherwise. If the counter cannot be read, the cache is bypassed and
 * every read goes to the database, so a Redis outage never serves stale prices.
 */
export class PricingCache {
  private version: string | null = null;
  private readonly products = new Map<string, ProductPriceRecord | null>();
  private readonly skuRules = new Map<string, SkuRules>();
  private promotions: { at: number; index: Promise<PromotionIndex> } | null = null;
  private readonly maxSkus: number;

  constructor(private readonly options: PricingCacheOptions) {
    this.maxSkus = options.maxSkus ?? 50_000;
  }

  /** Checks the change counter once; call at the start of each quote before the reads below. */
  async refresh(): Promise<boolean> {
    let current: string;
    try {
      current = await this.options.signal.current();
    } catch {
      this.clear();
      this.version = null;
      return false;
    }
    if (current !== this.version) {
      this.clear();
      this.version = current;
    }
    return true;
  }

  /** Drops everything (also what the product consumer calls on this instance right after a write). */
  clear(): void {
    this.products.clear();
    this.skuRules.clear();
    this.promotions = null;
  }

  async productsBySkus(skus: readonly string[], cached: boolean): Promise<Map<string, ProductPriceRecord>> {
    const out = new Map<string, ProductPriceRecord>();
    const missing: string[] = [];
    for (const sku of skus) {
      const hit = cached ? this.products.get(sku) : undefined;
      if (hit === undefined) missing.push(sku);
      else if (hit !== null) out.set(sku, hit);
    }
    if (missing.length === 0) return out;
    const version = this.version;
    const loaded = await this.options.products.bySkus(missing);
    for (const sku of missing) {
      const record = loaded.get(sku) ?? null;
      if (record) out.set(sku, record);
      if (cached && version === this.version) this.remember(this.products, sku, record);
    }
    return out;
  }

  async rulesBySkus(skus: readonly string[], at: Date, cached: boolean): Promise<Map<string, SkuRules>> {
    const out = new Map<string, SkuRules>();
    const missing: string[] = [];
    for (const sku of skus) {
      const hit = cached ? this.skuRules.get(sku) : undefined;
      if (hit === undefined) missing.push(sku);
      else out.set(sku, hit);
    }
    if (missing.length === 0) return out;
    const version = this.version;
    const loaded = await this.options.rules.skuRules(missing, at);
    for (const sku of missing) {
      const rules = loaded.get(sku) ?? NO_SKU_RULES;
      out.set(sku, rules);
      if (cached && version === this.version) this.remember(this.skuRules, sku, rules);
    }
    return out;
  }

  /**
   * The promotion index. Rebuilt when the counter moved, and once an hour anyway so promotions
   * that ended long ago leave it (ended ones never apply: windows are checked per quote).
   */
  promotionIndex(at: Date, cached: boolean): Promise<PromotionIndex> {
    const build = () => this.options.rules.livePromotions(at).then((rules) => PromotionIndex.build(rules));
    if (!cached) return build();
    if (this.promotions && at.getTime() - this.promotions.at < 3_600_000) return this.promotions.index;
    const entry = { at: at.getTime(), index: build() };
    this.promotions = entry;
    // A failed load is not kept.
    entry.index.catch(() => {
      if (this.promotions === entry) this.promotions = null;
    });
    return entry.index;
  }

  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    if (map.size >= this.maxSkus) map.clear();
    map.set(key, value);
  }
}
