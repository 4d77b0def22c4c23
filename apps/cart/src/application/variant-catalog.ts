import type { VariantView } from '@shop/contracts';

/** The catalog, as the cart needs it: what is known about these SKUs, drafts and archived included. */
export interface VariantCatalog {
  /** The known SKUs among `skus`; unknown ones are absent. Throws CatalogUnavailableError when the catalog cannot answer. */
  variants(skus: readonly string[]): Promise<Map<string, VariantView>>;
}

/** The catalog did not answer (down, too slow, or an error status): changes wait, reads go unverified. */
export class CatalogUnavailableError extends Error {
  override readonly name = 'CatalogUnavailableError';
}
