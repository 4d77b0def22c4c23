import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { HTTP_DURATION_BUCKETS, HttpRedMetrics } from './red-metrics.js';

type Observation = [method: string, route: string, status: number, seconds: number];

/** What prom-client's own Counter and Histogram expose for the same requests: the reference. */
async function promClientExposition(observations: readonly Observation[]): Promise<string> {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'ref' });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests handled, by method, route template and status code',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, route template and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [...HTTP_DURATION_BUCKETS],
    registers: [registry],
  });
  for (const [method, route, status, seconds] of observations) {
    requests.labels(method, route, String(status)).inc();
    duration.labels(method, route, String(status)).observe(seconds);
  }
  return registry.metrics();
}

async function ourExposition(observations: readonly Observation[]): Promise<{ text: string; registry: Registry; red: HttpRedMetrics }> {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'ref' });
  const red = new HttpRedMetrics();
  red.register(registry);
  for (const [method, route, status, seconds] of observations) red.series(method, route, status).record(seconds);
  return { text: await registry.metrics(), registry, red };
}

describe('HttpRedMetrics', () => {
  // Bounds themselves (le is inclusive), between bounds, past the last bound (+Inf only), zero.
  const observations: Observation[] = [
    ['GET', '/api/products/*', 200, 0.005],
    ['GET', '/api/products/*', 200, 0.0051],
    ['GET', '/api/products/*', 200, 0],
    ['GET', '/api/products/*', 404, 0.3],
    ['POST', '/api/carts', 201, 10],
    ['POST', '/api/carts', 201, 12.5],
    ['GET', '/api/products/*', 200, 0.042],
    ['DELETE', '/api/carts/*', 503, 2.5],
  ];

  it('exposes exactly what prom-client Counter and Histogram expose for the same requests', async () => {
    const { text } = await ourExposition(observations);
    expect(text).toBe(await promClientExposition(observations));
  });

  it('counts one series per method, route and status, reusing it', async () => {
    const red = new HttpRedMetrics();
    const first = red.series('GET', '/a', 200);
    expect(red.series('GET', '/a', 200)).toBe(first);
    expect(red.series('GET', '/a', 500)).not.toBe(first);
    expect(red.series('POST', '/a', 200)).not.toBe(first);
    expect(red.series('GET', '/b', 200)).not.toBe(first);
    expect(red.snapshot()).toHaveLength(4);
  });

  it('gives the JSON form prom-client gives (labels merged) and forgets everything on reset', async () => {
    const { registry } = await ourExposition(observations);
    const json = await registry.getMetricsAsJSON();
    expect(json.map((m) => m.name)).toEqual(['http_requests_total', 'http_request_duration_seconds']);
    const count = (json[1]!.values as { metricName?: string; labels: Record<string, string | number>; value: number }[]).find((v) => v.metricName === 'http_request_duration_seconds_count' && v.labels['route'] === '/api/carts');
    expect(count).toMatchObject({ value: 2, labels: { method: 'POST', route: '/api/carts', status: '201' } });

    registry.resetMetrics();
    const after = await registry.metrics();
    expect(after).not.toMatch(/http_requests_total\{/);
    expect(after).not.toMatch(/http_request_duration_seconds_bucket\{/);
  });
});
