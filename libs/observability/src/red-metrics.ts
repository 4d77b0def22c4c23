import type { Metric, Registry } from 'prom-client';

/** Upper bounds (seconds) of `http_request_duration_seconds`; dashboards and alerts read these `le` values. */
export const HTTP_DURATION_BUCKETS: readonly number[] = Object.freeze([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);

/** The labels of one RED series, in the order prom-client wrote them. */
export interface HttpSeriesLabels {
  method: string;
  route: string;
  status: string;
}

/**
 * One `{method, route, status}` series of the RED metrics: a request count, a duration sum and
 * per-bucket counts, kept as plain numbers. Recording is a few additions; prom-client's
 * `inc`/`observe` hash their labels object on every call, which cost more per proxied request
 * than the rest of the metrics work together.
 */
export class HttpSeries {
  count = 0;
  sum = 0;
  /** Observations per bucket (not cumulative); one past the last bound counts only in `+Inf`. */
  readonly perBucket: number[] = new Array<number>(HTTP_DURATION_BUCKETS.length).fill(0);

  constructor(readonly labels: Readonly<HttpSeriesLabels>) {}

  /** One request answered after `seconds`. */
  record(seconds: number): void {
    this.count += 1;
    this.sum += seconds;
    // A value on a bound falls in that bound's bucket (`le`), as prom-client counts it.
    for (let i = 0; i < HTTP_DURATION_BUCKETS.length; i++) {
      if (seconds <= HTTP_DURATION_BUCKETS[i]!) {
        this.perBucket[i]! += 1;
        return;
      }
    }
  }
}

/**
 * `http_requests_total` and `http_request_duration_seconds` of one service: recorded in plain
 * per-series numbers and turned into prom-client's exposition only when scraped, with the same
 * names, help, labels, buckets and line format as prom-client's Counter and Histogram.
 */
export class HttpRedMetrics {
  private readonly byRoute = new Map<string, Map<string, Map<number, HttpSeries>>>();
  private readonly all: HttpSeries[] = [];

  /** The series of a route template, method and status; created on first use, then reused. */
  series(method: string, route: string, status: number): HttpSeries {
    let byMethod = this.byRoute.get(route);
    if (!byMethod) this.byRoute.set(route, (byMethod = new Map()));
    let byStatus = byMethod.get(method);
    if (!byStatus) byMethod.set(method, (byStatus = new Map()));
    let found = byStatus.get(status);
    if (!found) {
      found = new HttpSeries({ method, route, status: String(status) });
      byStatus.set(status, found);
      this.all.push(found);
    }
    return found;
  }

  /** Every series recorded so far, in creation order. */
  snapshot(): readonly HttpSeries[] {
    return this.all;
  }

  /** Forgets every series (prom-client's `registry.resetMetrics()`). */
  reset(): void {
    this.byRoute.clear();
    this.all.length = 0;
  }

  /** Registers the two metrics in `registry`, read from this recorder at scrape time. */
  register(registry: Registry): void {
    // prom-client's registry takes any object with its metric shape (name, get, reset); its
    // TypeScript type only names its own classes.
    registry.registerMetric(this.requestsMetric() as unknown as Metric);
    registry.registerMetric(this.durationMetric() as unknown as Metric);
  }

  private requestsMetric() {
    const name = 'http_requests_total';
    const help = 'HTTP requests handled, by method, route template and status code';
    const get = async () => ({
      name,
      help,
      type: 'counter',
      aggregator: 'sum',
      values: this.all.map((series) => ({ value: series.count, labels: { ...series.labels } })),
    });
    return { name, help, type: 'counter', aggregator: 'sum', get, reset: () => this.reset() };
  }

  private durationMetric() {
    const name = 'http_request_duration_seconds';
    const help = 'HTTP request duration in seconds, by method, route template and status code';
    /** Values as prom-client's Histogram exposes them: `le` in labels, the series' labels shared. */
    const values = () =>
      this.all.flatMap((series) => {
        const shared = { ...series.labels };
        let cumulative = 0;
        const lines = HTTP_DURATION_BUCKETS.map((bound, i) => {
          cumulative += series.perBucket[i]!;
          return { labels: { le: bound as number | string }, sharedLabels: shared, value: cumulative, metricName: `${name}_bucket` };
        });
        lines.push({ labels: { le: '+Inf' }, sharedLabels: shared, value: series.count, metricName: `${name}_bucket` });
        return [
          ...lines,
          { labels: {}, sharedLabels: shared, value: series.sum, metricName: `${name}_sum` },
          { labels: {}, sharedLabels: shared, value: series.count, metricName: `${name}_count` },
        ];
      });
    const base = { name, help, type: 'histogram', aggregator: 'sum' } as const;
    return {
      ...base,
      getForPromString: async () => ({ ...base, values: values() }),
      // The JSON form (getMetricsAsJSON, cluster aggregation) has the shared labels merged in.
      get: async () => ({ ...base, values: values().map(({ labels, sharedLabels, ...rest }) => ({ ...rest, labels: { ...labels, ...sharedLabels } })) }),
      reset: () => this.reset(),
    };
  }
}
