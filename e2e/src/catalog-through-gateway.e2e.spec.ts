import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchJson, identityHeaders, testEnv } from '@shop/testing';
import { startCatalogAnd, type AppProcess } from './platform-processes.js';

/** The built catalog and gateway as separate processes, used the way a shopper's browser would. */
describe('catalog through the gateway', () => {
  let catalog: AppProcess;
  let gateway: AppProcess;
  let slug: string;

  beforeAll(async () => {
    ({ catalog, app: gateway } = await startCatalogAnd('gateway', { UPSTREAM_TIMEOUT_MS: '2000' }, `${testEnv().redisPrefix}e2e:`));

    for (let i = 0; i < 6; i++) {
      const tag = `${Date.now().toString(36)}${i}`;
      const res = await fetch(`${catalog.url}/api/admin/products`, {
        method: 'POST',
        // As the gateway would forward an admin's request: the identity signed for it.
        headers: {
          'content-type': 'application/json',
          ...identityHeaders({ userId: '00000000-0000-4000-8000-00000000ad01', role: 'admin' }, { method: 'POST', path: '/api/admin/products' }),
        },
        body: JSON.stringify({
          title: `E2E Hoodie ${tag}`,
          status: 'active',
          variants: [{ sku: `E2E-${tag.toUpperCase()}`, attributes: { size: 'M' }, price: { amount: 5900, currency: 'EUR' } }],
        }),
      });
      expect(res.status).toBe(201);
      slug = ((await res.json()) as { slug: string }).slug;
    }
  });

  afterAll(async () => {
    await gateway?.kill('SIGTERM');
    await catalog?.kill('SIGTERM');
  });

  it('lists 5 active products as JSON', async () => {
    const res = await fetchJson(`${gateway.url}/api/products?limit=5`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.body.items).toHaveLength(5);
    expect(res.body.items.every((p: { status: string }) => p.status === 'active')).toBe(true);
  });

  it('serves a product from the cache the second time and answers If-None-Match with 304', async () => {
    const first = await fetchJson(`${gateway.url}/api/products/${slug}`);
    const second = await fetchJson(`${gateway.url}/api/products/${slug}`);
    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
    const res = await fetch(`${gateway.url}/api/products/${slug}`, { headers: { 'if-none-match': second.headers.get('etag')! } });
    expect(res.status).toBe(304);
  });

  it('names a bad query field (400) and answers unknown products and routes with 404, all in the error shape', async () => {
    const bad = await fetchJson(`${gateway.url}/api/products?limit=abc`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('limit');
    const missing = await fetchJson(`${gateway.url}/api/products/does-not-exist`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const route = await fetchJson(`${gateway.url}/api/nowhere`);
    expect(route.status).toBe(404);
    expect(route.body.error.code).toBe('NOT_FOUND');
  });

  it('propagates the request id and the trace context to the catalog', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await fetch(`${gateway.url}/api/categories`, {
      headers: { 'x-request-id': 'e2e-request-1', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('e2e-request-1');
  });

  it('answers 503 fast while the catalog is down and serves again when it is back', async () => {
    await catalog.kill('SIGKILL');
    const down = await fetchJson(`${gateway.url}/api/products?limit=1`);
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe('UPSTREAM_UNAVAILABLE');
    await catalog.start();
    const up = await fetchJson(`${gateway.url}/api/products?limit=1`);
    expect(up.status).toBe(200);
  });
});
