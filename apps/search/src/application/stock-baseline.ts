import type { Clock } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import type { SkuState } from '../domain/document-builder.js';
import type { SearchStateStore } from './search-state-store.js';

/** Inventory's stock of many SKUs: available units and stock version of those with a stock row. */
export interface StockSource {
  stockOf(skus: readonly string[]): Promise<Map<string, { available: number; version: number }>>;
}

/**
 * The first stock figure of SKUs the events have not told about yet (stock seeded without events,
 * a product new to search): read from inventory once and stored with its stock version, so the
 * events carry on from there. A SKU inventory holds no stock of is out of stock. While inventory
 * cannot be reached, such SKUs keep counting as in stock (they are asked again after
 * `retryAfterMs`); a search index that shows a sold-out item is better than none.
 */
export class StockBaseline {
  private unavailableUntil = 0;

  constructor(
    private readonly deps: { source: StockSource; state: SearchStateStore; clock: Clock; logger: Logger; retryAfterMs?: number },
  ) {}

  /** `known` (the stored state of `skus`) completed with inventory's figures for the SKUs it lacks. */
  async complete(skus: readonly string[], known: SkuState): Promise<SkuState> {
    const missing = [...new Set(skus)].filter((sku) => !known.inStock.has(sku));
    if (missing.length === 0 || this.deps.clock.now().getTime() < this.unavailableUntil) return known;
    let levels: Map<string, { available: number; version: number }>;
    try {
      levels = await this.deps.source.stockOf(missing);
    } catch (err) {
      this.unavailableUntil = this.deps.clock.now().getTime() + (this.deps.retryAfterMs ?? 30_000);
      this.deps.logger.warn({ err: (err as Error).message, skus: missing.length }, 'inventory cannot be read: SKUs without stock events count as in stock for now');
      return known;
    }
    const baseline = missing.map((sku) => {
      const level = levels.get(sku);
      return { sku, inStock: (level?.available ?? 0) > 0, version: level?.version ?? 0 };
    });
    await this.deps.state.recordBaseline(baseline);
    // Read back: an event applied meanwhile (a newer version) wins over the baseline.
    const stored = await this.deps.state.stateOf(missing);
    const inStock = new Map(known.inStock);
    for (const [sku, value] of stored.inStock) inStock.set(sku, value);
    return { ...known, inStock };
  }
}
