import { Counter, type Registry } from 'prom-client';

export const CATALOG_METRICS = Symbol('CATALOG_METRICS');

export interface CatalogMetrics {
  productCache: Counter<'result'>;
}

export function createCatalogMetrics(registry: Registry): CatalogMetrics {
  return {
    productCache: new Counter({
      name: 'catalog_product_cache_total',
      help: 'Public product reads by cache outcome (hit, miss, error)',
      labelNames: ['result'],
      registers: [registry],
    }),
  };
}
