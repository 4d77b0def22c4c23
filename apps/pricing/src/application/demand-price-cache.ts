import type { DemandPrice, DemandPrices } from './price-inputs.js';

/** Every enabled rule's current price (one row per SKU with a rule: a small table). */
export interface AllDemandPrices extends DemandPrices {
  allCurrent(): Promise<Map<string, DemandPrice>>;
}

/** A counter every instance shares (Redis) that moves after any price write commits. */
export interface ChangeCounter {
  current(): Promise<string>;
}

/**
 * Demand prices for the quote's hot path, from memory: all enabled rules' prices, reloaded when
 * the shared change counter moved (an evaluation that changed a price or a kill switch, on any
 * instance, bumps it after committing). When the counter cannot be read the cache is bypassed,
 * so a Redis outage never serves a price the kill switch has withdrawn.
 */
export class DemandPriceCache implements DemandPrices {
  private version: string | null = null;
  private prices: Promise<Map<string, DemandPrice>> | null = null;

  constructor(
    private readonly source: AllDemandPrices,
    private readonly counter: ChangeCounter,
  ) {}

  async currentFor(skus: readonly string[]): Promise<Map<string, DemandPrice>> {
    let version: string;
    try {
      version = await this.counter.current();
    } catch {
      this.version = null;
      this.prices = null;
      return this.source.currentFor(skus);
    }
    if (version !== this.version || !this.prices) {
      const loading = this.source.allCurrent();
      this.version = version;
      this.prices = loading;
      // A failed load is not kept.
      loading.catch(() => {
        if (this.prices === loading) {
          this.prices = null;
          this.version = null;
        }
      });
    }
    const all = await this.prices;
    const out = new Map<string, DemandPrice>();
    for (const sku of skus) {
      const price = all.get(sku);
      if (price) out.set(sku, price);
    }
    return out;
  }
}
