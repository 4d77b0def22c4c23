export { CatalogVariantClient, type CatalogVariantClientOptions } from './catalog-variant-client.js';
export { CatalogReadsClient } from './catalog-reads-client.js';
