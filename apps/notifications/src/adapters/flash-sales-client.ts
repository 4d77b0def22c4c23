import { type ServiceClient, UpstreamUnavailableError } from '@shop/service-kit';

export interface FlashSaleDirectory {
  /** Whether pricing knows the sale (any status). */
  exists(flashSaleId: string): Promise<boolean>;
}

/** Pricing's public flash-sale read. */
export class FlashSalesClient implements FlashSaleDirectory {
  constructor(private readonly http: ServiceClient) {}

  async exists(flashSaleId: string): Promise<boolean> {
    const res = await this.http.request('GET', `/api/flash-sales/${encodeURIComponent(flashSaleId)}`);
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    throw new UpstreamUnavailableError('pricing', `answered a flash sale read with ${res.status}`);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
