import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export type HttpLabels = 'method' | 'route' | 'status';

export interface Metrics {
  /** This service's registry: domain code registers its own counters here (`registers: [registry]`). */
  registry: Registry;
  /** `http_requests_total{method,route,status}`. */
  httpRequests: Counter<HttpLabels>;
  /** `http_request_duration_seconds{method,route,status}`. */
  httpDuration: Histogram<HttpLabels>;
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

  const httpRequests = new Counter<HttpLabels>({
    name: 'http_requests_total',
    help: 'HTTP requests handled, by method, route template and status code',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const httpDuration = new Histogram<HttpLabels>({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, route template and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return { registry, httpRequests, httpDuration };
}
