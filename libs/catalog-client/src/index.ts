export { CatalogVariantClient, type CatalogVariantClientOptions } from './catalog-variant-client.js';
