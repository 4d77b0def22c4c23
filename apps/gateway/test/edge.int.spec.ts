import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyIdentity } from '@shop/observability';
import { call, login, register, StandIn, startTestGateway, type TestGateway } from './gateway-harness.js';

let upstream: StandIn;
let gateway: TestGateway;

beforeAll(async () => {
  upstream = await new StandIn().start();
  gateway = await startTestGateway({ catalogUrl: upstream.url, env: { GATEWAY_BODY_LIMIT_BYTES: '4096', CORS_ORIGINS: 'http://shop.test,http://admin.test' } });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

describe('bad input', () => {
  it('answers malformed JSON with 400 in the error shape', async () => {
    const res = await call(gateway.url, '/api/auth/login', { method: 'POST', body: '{"email": "a@b.c",', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST', message: 'Malformed JSON body' });
  });

  it('answers an oversized body with 413 before it reaches an upstream', async () => {
    const { session } = await register(gateway.url);
    upstream.seen.length = 0;
    const big = { title: 'x'.repeat(5000) };
    const local = await call(gateway.url, '/api/auth/register', { json: { email: 'big@example.com', password: 'x'.repeat(5000) } });
    expect(local.status).toBe(413);
    expect(local.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const customer = await call(gateway.url, '/api/admin/products', { json: big, token: session.accessToken });
    expect(customer.status).toBe(403); // refused at the edge before the body is even read
    const admin = await login(gateway.url, gateway.admin.email, gateway.admin.password);
    const proxied = await call(gateway.url, '/api/admin/products', { json: big, token: admin.accessToken });
    expect(proxied.status).toBe(413);
    expect(upstream.seen).toHaveLength(0);
  });

  it('rejects unknown fields', async () => {
    const res = await call(gateway.url, '/api/auth/login', { json: { email: 'a@example.com', password: 'whatever1', admin: true } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual({ field: 'admin', reason: 'is not allowed' });
  });

  it('passes SQL and script strings in query parameters through as inert, encoded data', async () => {
    upstream.seen.length = 0;
    upstream.behaviour = () => ({ status: 400, body: JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: 'Invalid request' } }) });
    const query = `?category=${encodeURIComponent("' OR 1=1; DROP TABLE catalog.product;--")}&sort=${encodeURIComponent('<script>alert(1)</script>')}`;
    const res = await call(gateway.url, `/api/products${query}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const sent = new URL(`/api/products${query}`, gateway.url);
    expect(upstream.seen[0]?.path).toBe(sent.pathname + sent.search);
    expect(upstream.seen[0]?.path).not.toMatch(/[<>' ]/);
    // Through the identity endpoints (real database) too: the string is data, not SQL.
    const login = await call(gateway.url, '/api/auth/login', { json: { email: "x'--@example.com", password: "' OR '1'='1" } });
    expect(login.status).toBe(401);
    upstream.behaviour = () => ({ status: 200, body: '{"ok":true}' });
  });
});

describe('edges', () => {
  it('creates a request id and a trace context when the client sends none, and propagates given ones', async () => {
    upstream.seen.length = 0;
    const fresh = await call(gateway.url, '/api/products');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(upstream.seen[0]?.headers['x-request-id']).toBe(fresh.headers['x-request-id']);
    expect(upstream.seen[0]?.headers['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await call(gateway.url, '/api/products', { headers: { 'x-request-id': 'client-1', traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    expect(upstream.seen[1]?.headers['x-request-id']).toBe('client-1');
    expect(upstream.seen[1]?.headers['traceparent']).toMatch(new RegExp(`^00-${traceId}-`));
  });

  it('strips identity headers a client sends, on public routes too', async () => {
    upstream.seen.length = 0;
    const forgedTrust = { 'x-identity-signature': 'v1.9999999999.forged', 'x-service-credential': 's1.payments.9999999999.forged' };
    await call(gateway.url, '/api/products', { headers: { 'x-user-id': 'someone-else', 'x-user-role': 'admin', ...forgedTrust } });
    for (const name of ['x-user-id', 'x-user-role', 'x-identity-signature', 'x-service-credential']) expect(upstream.seen[0]?.headers[name]).toBeUndefined();
    const { session, email } = await register(gateway.url);
    await call(gateway.url, '/api/products?sort=price', { token: session.accessToken, headers: { 'x-user-id': 'someone-else', 'x-user-email': 'victim@example.com', ...forgedTrust } });
    const seen = upstream.seen[1]!;
    expect(seen.headers['x-user-id']).toBe(session.user.id);
    expect(seen.headers['x-user-role']).toBe('customer');
    expect(seen.headers['x-user-email']).toBe(email);
    expect(seen.headers['x-service-credential']).toBeUndefined();
    // Signed for exactly the request the upstream received, with the services' key (the account's email included).
    const identity = { userId: session.user.id, role: 'customer', email };
    const request = { method: seen.method, url: seen.path, requestId: String(seen.headers['x-request-id']) };
    expect(request.url).toBe('/api/products?sort=price');
    const signature = String(seen.headers['x-identity-signature']);
    expect(verifyIdentity(process.env.IDENTITY_SIGNING_SECRET!, signature, identity, request, Date.now())).toBeNull();
    expect(verifyIdentity(process.env.IDENTITY_SIGNING_SECRET!, signature, identity, { ...request, url: '/api/orders' }, Date.now())).toBe('bad-signature');
  });

  it('sends security headers and no framework banner', async () => {
    const res = await call(gateway.url, '/api/me');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['server']).toBeUndefined();
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('allows the storefront and admin origins (CORS), including on refusals, and no others', async () => {
    const preflight = await call(gateway.url, '/api/admin/products', {
      method: 'OPTIONS',
      headers: { origin: 'http://admin.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://admin.test');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/authorization/);
    const refused = await call(gateway.url, '/api/me', { headers: { origin: 'http://shop.test' } });
    expect(refused.status).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe('http://shop.test');
    const stranger = await call(gateway.url, '/api/products', { headers: { origin: 'http://evil.test' } });
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves /metrics only on its internal listener: the public port answers 404 and reveals nothing', async () => {
    upstream.seen.length = 0;
    for (const path of ['/metrics', '/metrics?x=1', '/metrics/']) {
      const res = await call(gateway.url, path);
      expect(res.status).toBe(404);
      expect(res.text).not.toMatch(/http_requests_total|gateway_/);
    }
    expect(upstream.seen).toHaveLength(0);
    expect(new URL(gateway.service.metricsUrl).hostname).toBe('127.0.0.1');
    expect(gateway.service.metricsUrl).not.toBe(gateway.url);
  });

  it('counts requests per route template in /metrics, with upstream outcomes and breaker state', async () => {
    await call(gateway.url, '/api/products/some-slug');
    const metrics = await call(gateway.service.metricsUrl, '/metrics');
    expect(metrics.text).toMatch(/http_requests_total\{[^}]*route="\/api\/products\/\*"[^}]*\} \d+/);
    expect(metrics.text).toMatch(/gateway_upstream_requests_total\{[^}]*upstream="catalog",outcome="2xx"/);
    expect(metrics.text).toMatch(/gateway_upstream_circuit_state\{[^}]*upstream="catalog"[^}]*\} 0/);
  });
});

describe('OpenAPI', () => {
  it('serves the document as JSON, built from the contracts, with the admin routes secured', async () => {
    const res = await call(gateway.url, '/api/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.paths['/api/admin/products'].post.security).toEqual([{ bearer: [] }]);
    expect(res.body.paths['/api/products'].get.security).toBeUndefined();
    expect(res.body.components.schemas.CreateProductBody.properties.variants.minItems).toBe(1);
    const negotiated = await call(gateway.url, '/api/docs', { headers: { accept: 'application/json' } });
    expect(negotiated.body.openapi).toBe('3.1.0');
  });

  it('serves a browsable page', async () => {
    const res = await call(gateway.url, '/api/docs', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('/api/auth/login');
    expect(res.text).not.toContain('<script');
  });
});
