import type { InventorySales, LiveFigures, SaleFigures, SaleLimitFigures } from '../application/inventory-sales.js';

interface Entry {
  /** performance.now() of the answer. */
  at: number;
  figures: SaleLimitFigures | null;
}

/**
 * The engine's live sale figures with a short per-SKU cache: under a spike every shopper's page
 * polls the list, and without it each poll would be one inventory request per sale. At most one
 * request per SKU is in flight; an answer is reused for `maxAgeMs` (500 ms by default, so the
 * figure shown is never older than that). When inventory does not answer, the last answer is
 * served marked stale; with none, the error goes up (503).
 *
 * Freshness is measured on the process's monotonic timer, not the injectable clock: it is an
 * operational age, not business time (a test's frozen clock must not freeze the figures).
 */
export class CachedSaleFigures implements SaleFigures {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Entry>>();

  constructor(
    private readonly inventory: Pick<InventorySales, 'saleLimit'>,
    private readonly maxAgeMs = 500,
  ) {}

  async read(sku: string): Promise<LiveFigures> {
    const cached = this.entries.get(sku);
    if (cached && performance.now() - cached.at <= this.maxAgeMs) return { figures: cached.figures, stale: false };
    try {
      const entry = await this.fetch(sku);
      return { figures: entry.figures, stale: false };
    } catch (err) {
      if (cached) return { figures: cached.figures, stale: true };
      throw err;
    }
  }

  /** Forgets a SKU's figures (its limit was just changed). */
  forget(sku: string): void {
    this.entries.delete(sku);
  }

  private fetch(sku: string): Promise<Entry> {
    const running = this.inflight.get(sku);
    if (running) return running;
    const request = this.inventory
      .saleLimit(sku)
      .then((figures) => {
        const entry = { at: performance.now(), figures };
        this.entries.set(sku, entry);
        return entry;
      })
      .finally(() => this.inflight.delete(sku));
    this.inflight.set(sku, request);
    return request;
  }
}
