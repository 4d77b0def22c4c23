import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, StandIn, startTestGateway, type TestGateway } from './gateway-harness.js';

let upstream: StandIn;
let gateway: TestGateway;

beforeAll(async () => {
  upstream = await new StandIn().start();
  gateway = await startTestGateway({ catalogUrl: upstream.url, env: { UPSTREAM_TIMEOUT_MS: '300', UPSTREAM_RETRIES: '0' } });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

describe('upstream proxy', () => {
  it('forwards method, path, query, body and request id, and returns status, body and headers', async () => {
    upstream.behaviour = () => ({ status: 201, body: '{"ok":true}', headers: { 'x-upstream': 'catalog', 'x-powered-by': 'Express', server: 'nginx' } });
    const admin = await call(gateway.url, '/api/auth/login', { json: gateway.admin });
    upstream.seen.length = 0;
    const ok = await call(gateway.url, '/api/admin/products/abc?x=1', {
      method: 'PATCH',
      json: { a: 1 },
      token: admin.body.accessToken,
      headers: { 'x-request-id': 'req-42' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ ok: true });
    expect(ok.headers['x-upstream']).toBe('catalog');
    expect(ok.headers['x-powered-by']).toBeUndefined();
    expect(ok.headers['server']).toBeUndefined();
    const seen = upstream.seen[0]!;
    expect(seen.method).toBe('PATCH');
    expect(seen.path).toBe('/api/admin/products/abc?x=1');
    expect(JSON.parse(seen.body)).toEqual({ a: 1 });
    expect(seen.headers['x-request-id']).toBe('req-42');
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen.headers['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    expect(seen.headers['x-user-role']).toBe('admin');
    expect(seen.headers['authorization']).toBeUndefined();
  });

  it('answers 504 in the error shape when the upstream is too slow', async () => {
    upstream.behaviour = () => ({ status: 200, body: '{}', delayMs: 1000 });
    const res = await call(gateway.url, '/api/products');
    expect(res.status).toBe(504);
    expect(res.body).toMatchObject({ error: { code: 'UPSTREAM_TIMEOUT' } });
  });

  it('answers 404 for a path or method no upstream owns, without calling one', async () => {
    upstream.seen.length = 0;
    expect((await call(gateway.url, '/api/unknown')).status).toBe(404);
    expect((await call(gateway.url, '/api/products', { method: 'POST', json: {} })).status).toBe(404);
    expect(upstream.seen).toHaveLength(0);
  });
});
