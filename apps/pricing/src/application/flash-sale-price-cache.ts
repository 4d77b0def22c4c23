import { CountedSnapshot, type ChangeCounter } from './counted-snapshot.js';
import type { FlashSalePrice, FlashSalePrices } from './price-inputs.js';

/** Every sale not cancelled and not over at `at`, whatever its SKU (a small table). */
export interface PendingFlashSales extends FlashSalePrices {
  pendingAt(at: Date): Promise<FlashSalePrice[]>;
}

interface Pending {
  loadedAt: number;
  bySku: Map<string, FlashSalePrice[]>;
}

/**
 * Flash-sale prices for the quote's hot path, from memory: the pending sales, loaded again when
 * the shared change counter moved (a sale scheduled, changed or cancelled on any instance bumps
 * it after committing). Sales whose window closed since the load are left out at read time, so
 * the clock moving on needs no reload; a clock earlier than the load (a test's) reloads. When the
 * counter cannot be read, each quote asks the store.
 */
export class FlashSalePriceCache implements FlashSalePrices {
  private readonly snapshot: CountedSnapshot<Pending, Date>;

  constructor(
    private readonly source: PendingFlashSales,
    counter: ChangeCounter,
  ) {
    this.snapshot = new CountedSnapshot(counter, async (at: Date) => {
      const bySku = new Map<string, FlashSalePrice[]>();
      for (const sale of await source.pendingAt(at)) {
        const ofSku = bySku.get(sale.sku);
        if (ofSku) ofSku.push(sale);
        else bySku.set(sale.sku, [sale]);
      }
      return { loadedAt: at.getTime(), bySku };
    });
  }

  async forSkus(skus: readonly string[], at: Date): Promise<FlashSalePrice[]> {
    let pending = await this.snapshot.get(at);
    if (pending && at.getTime() < pending.loadedAt) {
      this.snapshot.drop();
      pending = await this.snapshot.get(at);
    }
    if (!pending) return this.source.forSkus(skus, at);
    const out: FlashSalePrice[] = [];
    for (const sku of skus) {
      for (const sale of pending.bySku.get(sku) ?? []) if (sale.endsAt.getTime() > at.getTime()) out.push(sale);
    }
    return out;
  }
}
