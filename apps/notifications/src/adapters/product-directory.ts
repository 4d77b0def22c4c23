import type { CatalogVariantClient } from '@shop/catalog-client';
import type { AlertedVariant } from '../domain/alerted-product.js';

/** What the catalog says about a SKU now: its product's title, slug and status, and the variant's options. */
export interface ProductDirectory {
  /** Null when the catalog does not know the SKU; throws UpstreamUnavailableError when it cannot be asked. */
  variant(sku: string): Promise<AlertedVariant | null>;
}

/**
 * The catalog's own answer (`GET /internal/catalog/variants`, drafts and archived products with
 * their status), asked when a mail is written: a product renamed, or given another slug, since
 * the shopper asked is mailed under its name and link of today.
 */
export class CatalogProductDirectory implements ProductDirectory {
  constructor(private readonly catalog: CatalogVariantClient) {}

  async variant(sku: string): Promise<AlertedVariant | null> {
    return (await this.catalog.variants([sku])).get(sku) ?? null;
  }

  close(): Promise<void> {
    return this.catalog.close();
  }
}
