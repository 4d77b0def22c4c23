import { Counter } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.js';

describe('createMetrics', () => {
  it('exposes process metrics and HTTP RED metrics labelled with the service', async () => {
    const metrics = createMetrics('catalog');
    metrics.http.series('GET', '/products/:id', 200).record(0.042);

    const text = await metrics.registry.metrics();
    expect(text).toContain('process_cpu_user_seconds_total{service="catalog"}');
    expect(text).toContain('http_requests_total{method="GET",route="/products/:id",status="200",service="catalog"} 1');
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.05",service="catalog",method="GET",route="/products/:id",status="200"} 1');
  });

  it('keeps services apart and lets domain code register its own metrics', async () => {
    const a = createMetrics('a');
    const b = createMetrics('b');
    new Counter({ name: 'reservations_total', help: 'reservations', registers: [a.registry] }).inc(3);
    expect(await a.registry.metrics()).toContain('reservations_total{service="a"} 3');
    expect(await b.registry.metrics()).not.toContain('reservations_total');
  });
});
