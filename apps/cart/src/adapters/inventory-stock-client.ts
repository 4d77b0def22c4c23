import { InternalStockList } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import { ServiceClient, UpstreamUnavailableError } from '@shop/service-kit';
import type { StockSource } from '../application/stock-source.js';

export interface InventoryStockClientOptions {
  url: string;
  timeoutMs: number;
}

/** Inventory's `GET /internal/inventory/stock?skus=` as the cart's StockSource: no answer is "cannot say" (null). */
export class InventoryStockClient implements StockSource {
  private readonly http: ServiceClient;

  constructor(
    options: InventoryStockClientOptions,
    private readonly logger: Logger,
  ) {
    // No retries: the shopper is waiting, and without the count the change goes on anyway.
    this.http = new ServiceClient({ caller: 'cart', service: 'inventory', origin: options.url, timeoutMs: options.timeoutMs, retries: 0, connections: 8 });
  }

  async available(sku: string): Promise<number | null> {
    return (await this.availableOf([sku]))?.get(sku) ?? null;
  }

  async availableOf(skus: readonly string[]): Promise<ReadonlyMap<string, number> | null> {
    const unique = [...new Set(skus)];
    if (unique.length === 0) return new Map();
    try {
      const res = await this.http.request('GET', `/internal/inventory/stock?skus=${unique.map(encodeURIComponent).join(',')}`, { idempotent: true });
      const list = res.status === 200 ? InternalStockList.safeParse(res.body) : null;
      if (list?.success) {
        // A SKU without a stock row is left out of the answer: it has nothing to sell.
        const counted = new Map(list.data.items.map((item) => [item.sku, item.available]));
        return new Map(unique.map((sku) => [sku, counted.get(sku) ?? 0]));
      }
      this.logger.warn({ status: res.status, skus: unique }, 'inventory did not answer the stock read: the cart change goes on unchecked');
      return null;
    } catch (err) {
      if (!(err instanceof UpstreamUnavailableError)) throw err;
      this.logger.warn({ err: err.message, skus: unique }, 'inventory unavailable: the cart change goes on unchecked');
      return null;
    }
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
