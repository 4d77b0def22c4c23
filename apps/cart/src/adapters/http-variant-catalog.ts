import type { VariantView } from '@shop/contracts';
import { CatalogVariantClient } from '@shop/catalog-client';
import { UpstreamUnavailableError } from '@shop/service-kit';
import { CatalogUnavailableError, type VariantCatalog } from '../application/variant-catalog.js';

export interface HttpVariantCatalogOptions {
  /** Where the catalog answers, e.g. http://127.0.0.1:3001. */
  url: string;
  /** Longest wait for a connection, for the response headers, and between body chunks. */
  timeoutMs: number;
  connections: number;
}

/** The cart's VariantCatalog port on the shared catalog client: "no answer" becomes CatalogUnavailableError. */
export class HttpVariantCatalog implements VariantCatalog {
  private readonly client: CatalogVariantClient;

  constructor(options: HttpVariantCatalogOptions) {
    this.client = new CatalogVariantClient({ caller: 'cart', origin: options.url, timeoutMs: options.timeoutMs, connections: options.connections });
  }

  async variants(skus: readonly string[]): Promise<Map<string, VariantView>> {
    try {
      return await this.client.variants(skus);
    } catch (err) {
      if (err instanceof UpstreamUnavailableError) throw new CatalogUnavailableError(err.message, { cause: err });
      throw err;
    }
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
