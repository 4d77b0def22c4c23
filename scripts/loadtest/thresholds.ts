// k6-style pass/fail thresholds on the run's figures: `p99<250` (ms), `error_rate<0.01`,
// `checkout.p95<800` (one endpoint's latency), `achieved_ratio>0.95`.

export type Comparator = '<' | '<=' | '>' | '>=';

export interface Threshold {
  /** As the user wrote it. */
  text: string;
  /** `p99`, `error_rate`, ... optionally prefixed by an endpoint: `checkout.p99`. */
  metric: string;
  comparator: Comparator;
  limit: number;
}

export interface ThresholdResult extends Threshold {
  value: number | null;
  passed: boolean;
}

const PATTERN = /^\s*([a-z][a-z0-9_.-]*)\s*(<=|>=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/;

/** Known metrics (with or without an endpoint prefix for the latency ones). */
export const THRESHOLD_METRICS = ['p50', 'p95', 'p99', 'p99.9', 'max', 'error_rate', 'timeout_rate', 'achieved_ratio'] as const;

export function parseThreshold(text: string): Threshold {
  const match = PATTERN.exec(text);
  if (!match) throw new Error(`threshold "${text}": expected <metric><op><number>, e.g. p99<250 or error_rate<0.01`);
  const [, metric, comparator, limit] = match as unknown as [string, string, Comparator, string];
  const base = metric.includes('.') && !metric.startsWith('p99.') ? metric.slice(metric.indexOf('.') + 1) : metric;
  if (!(THRESHOLD_METRICS as readonly string[]).includes(base)) {
    throw new Error(`threshold "${text}": unknown metric "${base}" (known: ${THRESHOLD_METRICS.join(', ')}; latency ones may name an endpoint, e.g. hold.p99)`);
  }
  return { text: text.trim(), metric, comparator, limit: Number(limit) };
}

export function compare(value: number, comparator: Comparator, limit: number): boolean {
  switch (comparator) {
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
  }
}

/** Each threshold with its figure (`lookup` answers null for a metric the run has no figure of: that fails). */
export function evaluateThresholds(thresholds: readonly Threshold[], lookup: (metric: string) => number | null): ThresholdResult[] {
  return thresholds.map((t) => {
    const value = lookup(t.metric);
    return { ...t, value, passed: value !== null && Number.isFinite(value) && compare(value, t.comparator, t.limit) };
  });
}
