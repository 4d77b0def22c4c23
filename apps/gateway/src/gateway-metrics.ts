import { Counter, Gauge, type Registry } from 'prom-client';

export interface GatewayMetrics {
  /** Forwarded requests by upstream and outcome: `2xx`..`5xx`, `timeout`, `circuit_open`, `rejected`, `error`. */
  upstreamRequests: Counter<'upstream' | 'outcome'>;
  upstreamRetries: Counter<'upstream'>;
  /** 0 closed, 1 open, 2 half-open, 3 isolated (cockatiel's CircuitState). */
  circuitState: Gauge<'upstream'>;
  rateLimited: Counter<'class'>;
  authFailures: Counter<'reason'>;
}

/**
 * Created before the service (and its registry) exists, so upstreams and resolvers built by
 * the composition root can count from the start; registered once the service is up.
 */
export function createGatewayMetrics(): GatewayMetrics {
  return {
    upstreamRequests: new Counter({
      name: 'gateway_upstream_requests_total',
      help: 'Requests forwarded to upstream services, by upstream and outcome',
      labelNames: ['upstream', 'outcome'],
      registers: [],
    }),
    upstreamRetries: new Counter({
      name: 'gateway_upstream_retries_total',
      help: 'Retries of idempotent requests after a connection failure, by upstream',
      labelNames: ['upstream'],
      registers: [],
    }),
    circuitState: new Gauge({
      name: 'gateway_upstream_circuit_state',
      help: 'Circuit breaker state per upstream: 0 closed, 1 open, 2 half-open, 3 isolated',
      labelNames: ['upstream'],
      registers: [],
    }),
    rateLimited: new Counter({
      name: 'gateway_rate_limited_total',
      help: 'Requests refused with 429, by rate-limit class',
      labelNames: ['class'],
      registers: [],
    }),
    authFailures: new Counter({
      name: 'gateway_auth_failures_total',
      help: 'Requests whose bearer token was refused, by reason',
      labelNames: ['reason'],
      registers: [],
    }),
  };
}

export function registerGatewayMetrics(metrics: GatewayMetrics, registry: Registry): void {
  for (const metric of Object.values(metrics)) registry.registerMetric(metric);
}
