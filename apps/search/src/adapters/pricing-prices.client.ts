import { MAX_SKUS_PER_PRICES_QUERY, SkuPrices } from '@shop/contracts';
import { ServiceClient, UpstreamUnavailableError, type ServiceClientOptions } from '@shop/service-kit';
import type { PricedSku, PriceSource } from '../application/price-feed.js';

/** Pricing's public `GET /api/pricing/prices` (the prices product cards show), MAX_SKUS_PER_PRICES_QUERY SKUs a call. */
export class PricingPricesClient implements PriceSource {
  private readonly http: ServiceClient;

  constructor(options: Omit<ServiceClientOptions, 'service'>) {
    this.http = new ServiceClient({ ...options, service: 'pricing' });
  }

  async pricesOf(skus: readonly string[]): Promise<Map<string, PricedSku>> {
    const prices = new Map<string, PricedSku>();
    for (let i = 0; i < skus.length; i += MAX_SKUS_PER_PRICES_QUERY) {
      const chunk = skus.slice(i, i + MAX_SKUS_PER_PRICES_QUERY);
      const res = await this.http.request('GET', `/api/pricing/prices?skus=${chunk.map(encodeURIComponent).join(',')}`);
      const answer = res.status === 200 ? SkuPrices.safeParse(res.body) : null;
      if (!answer?.success) throw new UpstreamUnavailableError(this.http.service, `answered ${res.status} to a prices read`);
      for (const item of answer.data.items) {
        prices.set(item.sku, { price: item.price, source: item.priceSource, until: item.until === null ? null : new Date(item.until) });
      }
    }
    return prices;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
