import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOrders } from './orders-harness.js';

/** ORDERS_METRICS_PORT (as every service's <NAME>_METRICS_PORT) moves /metrics off the service port. */
describe('metrics on their own listener', () => {
  let orders: Awaited<ReturnType<typeof startTestOrders>>;

  beforeAll(async () => {
    orders = await startTestOrders({ env: { ORDERS_METRICS_PORT: '0' } });
  });
  afterAll(async () => {
    await orders?.service.close();
  });

  it('answers /metrics on 127.0.0.1 at metricsUrl and 404 on the service port', async () => {
    const { url, metricsUrl } = orders.service;
    expect(metricsUrl).not.toBe(url);
    expect(new URL(metricsUrl).hostname).toBe('127.0.0.1');
    const scraped = await fetch(`${metricsUrl}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('http_requests_total');
    const onServicePort = await fetch(`${url}/metrics`);
    expect(onServicePort.status).toBe(404);
    expect(await onServicePort.text()).not.toContain('http_requests_total');
  });
});
