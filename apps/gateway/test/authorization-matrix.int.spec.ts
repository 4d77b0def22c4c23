import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PREFIX, routeTable } from '../src/routing/route-table.js';
import { call, login, rawGet, register, samplePath, StandIn, startTestGateway, type TestGateway } from './gateway-harness.js';

/**
 * Generated from what the gateway actually registered (every route carries the policy the
 * route table gave it): each admin route, each of its methods, with no token, a customer's
 * and an admin's. A route added under /api/admin is in this matrix without anyone adding it;
 * a route the table does not cover stops the gateway from starting.
 */
let upstream: StandIn;
let gateway: TestGateway;
let customerToken: string;
let adminToken: string;

beforeAll(async () => {
  upstream = await new StandIn().start();
  gateway = await startTestGateway({ catalogUrl: upstream.url });
  customerToken = (await register(gateway.url)).session.accessToken;
  adminToken = (await login(gateway.url, gateway.admin.email, gateway.admin.password)).accessToken;
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

describe('authorization matrix of the admin routes', () => {
  it('covers every admin entry of the route table and only admin policies under /api/admin', () => {
    const adminRoutes = gateway.routes.filter((r) => r.url.startsWith(ADMIN_PREFIX));
    for (const route of adminRoutes) expect(route.policy.access, route.url).toBe('admin');
    for (const entry of routeTable.filter((e) => e.prefix.startsWith(ADMIN_PREFIX))) {
      expect(adminRoutes.some((r) => r.url.startsWith(entry.prefix)), entry.prefix).toBe(true);
    }
    // GET /api/admin/inventory/:sku (the full stock figures) is in the matrix through /api/admin/inventory/*.
    expect(adminRoutes.map((r) => r.url)).toEqual(
      expect.arrayContaining(['/api/admin/products/*', '/api/admin/categories', '/api/admin/users/:id', '/api/admin/inventory/*']),
    );
    expect(adminRoutes.find((r) => r.url === '/api/admin/inventory/*')?.methods).toContain('GET');
  });

  const cases = () =>
    gateway.routes
      .filter((r) => r.policy.access === 'admin')
      .flatMap((r) => r.methods.filter((m) => m !== 'HEAD' && m !== 'OPTIONS').map((method) => ({ method, path: samplePath(r.url) })));

  it('answers 401 without a token, 403 with a customer token, and lets an admin through', async () => {
    const matrix = cases();
    expect(matrix.length).toBeGreaterThan(10);
    const outcomes: string[] = [];
    for (const { method, path } of matrix) {
      const json = WRITE_METHODS.has(method) ? {} : undefined;
      const none = await call(gateway.url, path, { method: method as 'GET', json });
      const customer = await call(gateway.url, path, { method: method as 'GET', json, token: customerToken });
      const admin = await call(gateway.url, path, { method: method as 'GET', json, token: adminToken });
      outcomes.push(`${method} ${path}: ${none.status} ${customer.status} ${[401, 403].includes(admin.status) ? admin.status : 'through'}`);
    }
    expect(outcomes).toEqual(outcomes.map((o) => o.replace(/: .*$/, ': 401 403 through')));
  });

  it('forwards the admin identity, and nothing a client claims, to the upstream', async () => {
    upstream.seen.length = 0;
    const res = await call(gateway.url, '/api/admin/products', { token: adminToken, headers: { 'x-user-role': 'customer', 'x-user-id': 'forged' } });
    expect(res.status).toBe(200);
    expect(upstream.seen[0]?.headers['x-user-role']).toBe('admin');
    expect(upstream.seen[0]?.headers['x-user-id']).not.toBe('forged');
  });

  it('refuses unknown paths under /api/admin before saying they do not exist', async () => {
    expect((await call(gateway.url, '/api/admin/nothing-here')).status).toBe(401);
    expect((await call(gateway.url, '/api/admin/nothing-here', { token: customerToken })).status).toBe(403);
    expect((await call(gateway.url, '/api/admin/nothing-here', { token: adminToken })).status).toBe(404);
  });

  it('refuses to start when a registered route has no entry in the route table', async () => {
    const withoutUsers = routeTable.filter((e) => e.prefix !== '/api/admin/users');
    await expect(startTestGateway({ catalogUrl: upstream.url, routes: withoutUsers })).rejects.toThrow(
      /\/api\/admin\/users\/:id has no entry in the gateway route table/,
    );
  });

  it('refuses paths that could mean an admin route upstream', async () => {
    upstream.seen.length = 0;
    for (const path of ['/api/products/../admin/products', '/api/products/%2e%2e/admin/products', '/api/products/x%2fadmin', '/api/products/.%2E/admin']) {
      expect(await rawGet(gateway.url, path), path).toBe(400);
    }
    expect(upstream.seen).toHaveLength(0);
  });
});
