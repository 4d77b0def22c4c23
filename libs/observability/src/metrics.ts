import { collectDefaultMetrics, Registry } from 'prom-client';
import { HttpRedMetrics } from './red-metrics.js';

export type HttpLabels = 'method' | 'route' | 'status';

export interface Metrics {
  /** This service's registry: domain code registers its own counters here (`registers: [registry]`). */
  registry: Registry;
  /** `http_requests_total` and `http_request_duration_seconds`, by `{method,route,status}`. */
  http: HttpRedMetrics;
}

/** Route label for requests that matched no route, so 404 scans cannot blow up label cardinality. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * A registry per service (not prom-client's global one) so several services can live in one
 * process, as they do in tests. `route` must be the route template (`/products/:id`), never the
 * raw URL.
 */
export function createMetrics(service: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });

  const http = new HttpRedMetrics();
  http.register(registry);
  return { registry, http };
}
