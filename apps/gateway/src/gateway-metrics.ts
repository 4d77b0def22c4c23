import { Counter, Gauge, type Metric, type Registry } from 'prom-client';

/** A count kept as a plain number between scrapes, added to its counter when the registry is read. */
export interface CountCell {
  /** Counted since the last scrape. */
  pending: number;
}

/**
 * Counts of one prom-client counter kept in plain cells, one per label set, and folded into the
 * counter by its `collect` hook at scrape time: prom-client's `inc` hashes a labels object on
 * every call, once per forwarded request here.
 */
export class ScrapeTimeCounts<L extends string> {
  private readonly cells = new Map<string, { labels: Record<L, string>; cell: CountCell }>();

  /** The cell of a label set; `key` names it uniquely (created on first use). */
  cell(key: string, labels: Record<L, string>): CountCell {
    let found = this.cells.get(key);
    if (!found) this.cells.set(key, (found = { labels, cell: { pending: 0 } }));
    return found.cell;
  }

  /** Adds what was counted since the last fold to `counter`. */
  foldInto(counter: Counter<L>): void {
    for (const { labels, cell } of this.cells.values()) {
      if (cell.pending === 0) continue;
      counter.inc(labels, cell.pending);
      cell.pending = 0;
    }
  }
}

export interface GatewayMetrics {
  /** Forwarded requests by upstream and outcome: `2xx`..`5xx`, `timeout`, `circuit_open`, `rejected`, `error` (read through `upstreamOutcomes`). */
  upstreamRequests: Counter<'upstream' | 'outcome'>;
  /** Where `upstreamRequests` is counted per request; folded into it at scrape time. */
  upstreamOutcomes: ScrapeTimeCounts<'upstream' | 'outcome'>;
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
  const upstreamOutcomes = new ScrapeTimeCounts<'upstream' | 'outcome'>();
  return {
    upstreamRequests: new Counter({
      name: 'gateway_upstream_requests_total',
      help: 'Requests forwarded to upstream services, by upstream and outcome',
      labelNames: ['upstream', 'outcome'],
      registers: [],
      collect() {
        upstreamOutcomes.foldInto(this);
      },
    }),
    upstreamOutcomes,
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
  const all: Metric[] = [metrics.upstreamRequests, metrics.upstreamRetries, metrics.circuitState, metrics.rateLimited, metrics.authFailures];
  for (const metric of all) registry.registerMetric(metric);
}
