import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthSession } from '@shop/contracts';
import { call, login, register, StandIn, startTestGateway, type TestGateway } from './gateway-harness.js';

/**
 * The search routes at the edge, against a stand-in search service: searching and suggestions
 * are public (no token needed, the query string passed on untouched, the answer passed back);
 * rebuilding the index is the admin's alone — without a token 401, as a customer 403, and in
 * both cases the search service never hears of it.
 */
let search: StandIn;
let gateway: TestGateway;
let customer: AuthSession;
let adminToken: string;

beforeAll(async () => {
  search = await new StandIn().start();
  search.behaviour = (req) =>
    req.path.startsWith('/api/admin/search/reindex')
      ? { status: req.method === 'POST' ? 202 : 200, body: JSON.stringify({ state: 'running', engine: 'postgres', indexed: 0, total: null, startedAt: null, finishedAt: null, error: null }) }
      : { status: 200, body: JSON.stringify({ seen: req.path }) };
  gateway = await startTestGateway({ catalogUrl: 'http://127.0.0.1:9', extraUpstreams: { search: search.url } });
  customer = (await register(gateway.url)).session;
  adminToken = (await login(gateway.url, gateway.admin.email, gateway.admin.password)).accessToken;
});
afterAll(async () => {
  await gateway?.close();
  await search?.close();
});

describe('search routes at the edge', () => {
  it('lets anyone search and get suggestions, passing the query string on as it came', async () => {
    for (const path of ['/api/search?q=organc%20cotton&size=M,L&sort=price_asc', '/api/search/suggest?q=hoo', '/api/search']) {
      search.seen.length = 0;
      const res = await call(gateway.url, path);
      expect(res.status, path).toBe(200);
      expect(res.body).toEqual({ seen: path });
      expect(search.seen).toHaveLength(1);
      expect(search.seen[0]).toMatchObject({ method: 'GET', path });
      // An anonymous search reaches the service as anonymous.
      expect(search.seen[0]!.headers['x-user-id']).toBeUndefined();
    }
  });

  it('forwards only reads to the public search routes', async () => {
    search.seen.length = 0;
    const res = await call(gateway.url, '/api/search', { method: 'POST', json: { q: 'tee' } });
    expect(res.status).toBe(404);
    expect(search.seen).toHaveLength(0);
  });

  it('answers 401 without a token and 403 to a customer on the reindex command, and never forwards them', async () => {
    search.seen.length = 0;
    for (const method of ['POST', 'GET'] as const) {
      const anonymous = await call(gateway.url, '/api/admin/search/reindex', { method, json: method === 'POST' ? {} : undefined });
      const asCustomer = await call(gateway.url, '/api/admin/search/reindex', { method, json: method === 'POST' ? {} : undefined, token: customer.accessToken });
      expect([method, anonymous.status, asCustomer.status]).toEqual([method, 401, 403]);
    }
    expect(search.seen).toHaveLength(0);
  });

  it('lets an admin start a reindex and follow it, as the admin', async () => {
    search.seen.length = 0;
    const started = await call(gateway.url, '/api/admin/search/reindex', { method: 'POST', json: {}, token: adminToken });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ state: 'running', engine: 'postgres' });
    const status = await call(gateway.url, '/api/admin/search/reindex', { token: adminToken });
    expect(status.status).toBe(200);
    expect(search.seen.map((s) => [s.method, s.path, s.headers['x-user-role']])).toEqual([
      ['POST', '/api/admin/search/reindex', 'admin'],
      ['GET', '/api/admin/search/reindex', 'admin'],
    ]);
  });

  it('answers 503 naming the service, not its address, when the search service is down', async () => {
    await search.close();
    try {
      const res = await call(gateway.url, '/api/search?q=tee');
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', message: expect.stringContaining('search') });
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.text).not.toContain('127.0.0.1');
    } finally {
      search = await new StandIn().start();
    }
  });
});
