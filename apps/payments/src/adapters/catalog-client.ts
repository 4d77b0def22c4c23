import { MAX_SKUS_PER_LOOKUP, VariantList, type VariantView } from '@shop/contracts';
import { JsonHttpClient, UpstreamUnavailableError } from './http-json-client.js';

/** The catalog: `GET /internal/catalog/variants?skus=` prices the quote (the list price, until pricing exists). */
export class CatalogClient {
  constructor(private readonly http: JsonHttpClient) {}

  /** The SKUs the catalog knows (drafts and archived ones too, with their status); unknown ones are left out. */
  async variants(skus: readonly string[]): Promise<Map<string, VariantView>> {
    const unique = [...new Set(skus)];
    const found = new Map<string, VariantView>();
    for (let i = 0; i < unique.length; i += MAX_SKUS_PER_LOOKUP) {
      const chunk = unique.slice(i, i + MAX_SKUS_PER_LOOKUP);
      const res = await this.http.request('GET', `/internal/catalog/variants?skus=${chunk.map(encodeURIComponent).join(',')}`);
      if (res.status !== 200) throw new UpstreamUnavailableError('catalog', `answered ${res.status} to a SKU lookup`);
      const list = VariantList.safeParse(res.body);
      if (!list.success) throw new UpstreamUnavailableError('catalog', 'answered a SKU lookup with an unexpected body');
      for (const v of list.data.items) found.set(v.sku, v);
    }
    return found;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
