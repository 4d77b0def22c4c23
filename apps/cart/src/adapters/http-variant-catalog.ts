import { Pool } from 'undici';
import { MAX_SKUS_PER_LOOKUP, VariantList, type VariantView } from '@shop/contracts';
import { injectTraceHeaders } from '@shop/observability';
import { serviceCredentialHeaders } from '@shop/service-kit';
import { CatalogUnavailableError, type VariantCatalog } from '../application/variant-catalog.js';

export interface HttpVariantCatalogOptions {
  /** Where the catalog answers, e.g. http://127.0.0.1:3001. */
  url: string;
  /** Longest wait for a connection, for the response headers, and between body chunks. */
  timeoutMs: number;
  connections: number;
}

/** `GET /internal/catalog/variants?skus=...` over a keep-alive pool with a short timeout; 100 SKUs per call. */
export class HttpVariantCatalog implements VariantCatalog {
  private readonly pool: Pool;

  constructor(options: HttpVariantCatalogOptions) {
    this.pool = new Pool(options.url, {
      connections: options.connections,
      connectTimeout: options.timeoutMs,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  async variants(skus: readonly string[]): Promise<Map<string, VariantView>> {
    const found = new Map<string, VariantView>();
    const unique = [...new Set(skus)];
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += MAX_SKUS_PER_LOOKUP) chunks.push(unique.slice(i, i + MAX_SKUS_PER_LOOKUP));
    const answers = await Promise.all(chunks.map((chunk) => this.lookup(chunk)));
    for (const v of answers.flat()) found.set(v.sku, v);
    return found;
  }

  private async lookup(skus: string[]): Promise<VariantView[]> {
    let status: number;
    let text: string;
    try {
      const res = await this.pool.request({
        method: 'GET',
        path: `/internal/catalog/variants?skus=${skus.map(encodeURIComponent).join(',')}`,
        headers: injectTraceHeaders({ accept: 'application/json', ...serviceCredentialHeaders('cart') }),
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      throw new CatalogUnavailableError(`the catalog did not answer: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    if (status !== 200) throw new CatalogUnavailableError(`the catalog answered ${status} to a SKU lookup`);
    const parsed = VariantList.safeParse(safeJson(text));
    if (!parsed.success) throw new CatalogUnavailableError('the catalog answered a SKU lookup with an unexpected body');
    return parsed.data.items;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
