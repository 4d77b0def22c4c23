import { CountedSnapshot, type ChangeCounter } from './counted-snapshot.js';
import type { DemandPrice, DemandPrices } from './price-inputs.js';

/** Every enabled rule's current price (one row per SKU with a rule: a small table). */
export interface AllDemandPrices extends DemandPrices {
  allCurrent(): Promise<Map<string, DemandPrice>>;
}

/**
 * Demand prices for the quote's hot path, from memory: all enabled rules' prices, reloaded when
 * the shared change counter moved (an evaluation that changed a price or a kill switch, on any
 * instance, bumps it after committing). When the counter cannot be read the cache is bypassed,
 * so a Redis outage never serves a price the kill switch has withdrawn.
 */
export class DemandPriceCache implements DemandPrices {
  private readonly snapshot: CountedSnapshot<Map<string, DemandPrice>>;

  constructor(
    private readonly source: AllDemandPrices,
    counter: ChangeCounter,
  ) {
    this.snapshot = new CountedSnapshot(counter, () => source.allCurrent());
  }

  async currentFor(skus: readonly string[]): Promise<Map<string, DemandPrice>> {
    const all = await this.snapshot.get();
    if (!all) return this.source.currentFor(skus);
    const out = new Map<string, DemandPrice>();
    for (const sku of skus) {
      const price = all.get(sku);
      if (price) out.set(sku, price);
    }
    return out;
  }
}
