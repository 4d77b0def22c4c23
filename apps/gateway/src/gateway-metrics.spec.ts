import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createGatewayMetrics, registerGatewayMetrics } from './gateway-metrics.js';

describe('gateway metrics', () => {
  it('folds upstream outcome cells into gateway_upstream_requests_total when scraped, each count once', async () => {
    const metrics = createGatewayMetrics();
    const registry = new Registry();
    registerGatewayMetrics(metrics, registry);
    const ok = metrics.upstreamOutcomes.cell('catalog\n2xx', { upstream: 'catalog', outcome: '2xx' });
    expect(metrics.upstreamOutcomes.cell('catalog\n2xx', { upstream: 'catalog', outcome: '2xx' })).toBe(ok);
    ok.pending += 3;
    metrics.upstreamOutcomes.cell('cart\ntimeout', { upstream: 'cart', outcome: 'timeout' }).pending += 1;

    const first = await registry.metrics();
    expect(first).toContain('gateway_upstream_requests_total{upstream="catalog",outcome="2xx"} 3');
    expect(first).toContain('gateway_upstream_requests_total{upstream="cart",outcome="timeout"} 1');
    expect(ok.pending).toBe(0);

    ok.pending += 2;
    const second = await registry.metrics();
    expect(second).toContain('gateway_upstream_requests_total{upstream="catalog",outcome="2xx"} 5');
    expect(second).toContain('gateway_upstream_requests_total{upstream="cart",outcome="timeout"} 1');
  });
});
