import { InternalStockList, MAX_SKUS_PER_STOCK_READ } from '@shop/contracts';
import { ServiceClient, UpstreamUnavailableError, type ServiceClientOptions } from '@shop/service-kit';
import type { StockSource } from '../application/stock-baseline.js';

/** Inventory's `GET /internal/inventory/stock?skus=` (search's own credential), 500 SKUs a call. */
export class InventoryStockClient implements StockSource {
  private readonly http: ServiceClient;

  constructor(options: Omit<ServiceClientOptions, 'service'>) {
    this.http = new ServiceClient({ ...options, service: 'inventory' });
  }

  async stockOf(skus: readonly string[]): Promise<Map<string, { available: number; version: number }>> {
    const levels = new Map<string, { available: number; version: number }>();
    for (let i = 0; i < skus.length; i += MAX_SKUS_PER_STOCK_READ) {
      const chunk = skus.slice(i, i + MAX_SKUS_PER_STOCK_READ);
      const res = await this.http.request('GET', `/internal/inventory/stock?skus=${chunk.map(encodeURIComponent).join(',')}`);
      const list = res.status === 200 ? InternalStockList.safeParse(res.body) : null;
      if (!list?.success) throw new UpstreamUnavailableError(this.http.service, `answered ${res.status} to a stock read`);
      for (const item of list.data.items) levels.set(item.sku, { available: item.available, version: item.version });
    }
    return levels;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
