import { MAX_SKUS_PER_LOOKUP, VariantList, type VariantView } from '@shop/contracts';
import { ServiceClient, UpstreamUnavailableError, type ServiceClientOptions } from '@shop/service-kit';

export type CatalogVariantClientOptions = Omit<ServiceClientOptions, 'service'>;

/**
 * The catalog's `GET /internal/catalog/variants?skus=`: what it knows about these SKUs, drafts and
 * archived ones too (with their status). At most MAX_SKUS_PER_LOOKUP SKUs per call, the calls of
 * one lookup in parallel. Any answer but a valid 200 is `UpstreamUnavailableError` (service "catalog").
 */
export class CatalogVariantClient {
  private readonly http: ServiceClient;

  constructor(options: CatalogVariantClientOptions) {
    this.http = new ServiceClient({ ...options, service: 'catalog' });
  }

  /** The known SKUs among `skus`; unknown ones are absent. */
  async variants(skus: readonly string[]): Promise<Map<string, VariantView>> {
    const unique = [...new Set(skus)];
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += MAX_SKUS_PER_LOOKUP) chunks.push(unique.slice(i, i + MAX_SKUS_PER_LOOKUP));
    const answers = await Promise.all(chunks.map((chunk) => this.lookup(chunk)));
    return new Map(answers.flat().map((v) => [v.sku, v]));
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private async lookup(skus: readonly string[]): Promise<VariantView[]> {
    const res = await this.http.request('GET', `/internal/catalog/variants?skus=${skus.map(encodeURIComponent).join(',')}`);
    if (res.status !== 200) throw new UpstreamUnavailableError(this.http.service, `answered ${res.status} to a SKU lookup`);
    const list = VariantList.safeParse(res.body);
    if (!list.success) throw new UpstreamUnavailableError(this.http.service, 'answered a SKU lookup with an unexpected body');
    return list.data.items;
  }
}
