import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchJson, testEnv, type FetchJsonInit } from '@shop/testing';
import { startCatalogAnd, type AppProcess } from './platform-processes.js';

function call(url: string, init: FetchJsonInit & { token?: string } = {}) {
  const { token, ...rest } = init;
  return fetchJson(url, {
    ...rest,
    method: rest.method ?? (rest.json !== undefined ? 'POST' : 'GET'),
    headers: { ...(rest.headers as Record<string, string>), ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

/** A new user's first minutes with the built catalog and gateway, as curl would see them. */
describe('accounts and roles through the gateway', () => {
  let catalog: AppProcess;
  let gateway: AppProcess;
  const tag = Date.now().toString(36);
  const admin = { email: `admin-${tag}@example.com`, password: 'e2e-admin-password' };
  const shopper = { email: `Shopper-${tag}@Example.com`, password: 'correct horse battery' };

  beforeAll(async () => {
    const prefix = `${testEnv().redisPrefix}e2e-identity:`;
    ({ catalog, app: gateway } = await startCatalogAnd('gateway', { REDIS_PREFIX: prefix, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password }, prefix));
  });

  afterAll(async () => {
    await gateway?.kill('SIGTERM');
    await catalog?.kill('SIGTERM');
  });

  let customerToken: string;

  it('registers, logs in and reads /api/me', async () => {
    const registered = await call(`${gateway.url}/api/auth/register`, { json: shopper });
    expect(registered.status).toBe(201);
    expect(registered.body.user).toMatchObject({ email: shopper.email.toLowerCase(), role: 'customer' });
    const again = await call(`${gateway.url}/api/auth/register`, { json: shopper });
    expect(again.status).toBe(409);
    const login = await call(`${gateway.url}/api/auth/login`, { json: { email: shopper.email.toLowerCase(), password: shopper.password } });
    expect(login.status).toBe(200);
    expect(Object.keys(login.body)).toEqual(expect.arrayContaining(['accessToken', 'refreshToken', 'user']));
    customerToken = login.body.accessToken;
    const me = await call(`${gateway.url}/api/me`, { token: customerToken });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(shopper.email.toLowerCase());
    const refreshed = await call(`${gateway.url}/api/auth/refresh`, { json: { refreshToken: login.body.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect((await call(`${gateway.url}/api/auth/logout`, { json: { refreshToken: refreshed.body.refreshToken } })).status).toBe(204);
    expect((await call(`${gateway.url}/api/auth/refresh`, { json: { refreshToken: refreshed.body.refreshToken } })).status).toBe(401);
  });

  it('keeps the catalog admin API for admins: 401 without a token, 403 for a customer, 201 for the admin', async () => {
    const product = {
      title: `E2E Admin Tee ${tag}`,
      status: 'active',
      variants: [{ sku: `E2E-ADM-${tag.toUpperCase()}`, attributes: { size: 'L' }, price: { amount: 3100, currency: 'EUR' } }],
    };
    expect((await call(`${gateway.url}/api/admin/products`, { json: product })).status).toBe(401);
    expect((await call(`${gateway.url}/api/admin/products`, { json: product, token: customerToken })).status).toBe(403);
    const adminLogin = await call(`${gateway.url}/api/auth/login`, { json: admin });
    expect(adminLogin.status).toBe(200);
    expect(adminLogin.body.user.role).toBe('admin');
    const created = await call(`${gateway.url}/api/admin/products`, { json: product, token: adminLogin.body.accessToken });
    expect(created.status).toBe(201);
    const publicRead = await call(`${gateway.url}/api/products/${created.body.slug}`);
    expect(publicRead.status).toBe(200);
    expect(publicRead.body.id).toBe(created.body.id);
    const unknownField = await call(`${gateway.url}/api/admin/products`, { json: { ...product, price: 1 }, token: adminLogin.body.accessToken });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.details).toContainEqual({ field: 'price', reason: 'is not allowed' });
  });

  it('treats SQL and script in query parameters as data', async () => {
    const injected = await call(`${gateway.url}/api/products?category=${encodeURIComponent("x' OR '1'='1")}&sort=${encodeURIComponent('<script>')}`);
    expect(injected.status).toBe(400);
    expect(injected.headers.get('content-type')).toMatch(/^application\/json/);
    const list = await call(`${gateway.url}/api/products?limit=1`);
    expect(list.status).toBe(200);
  });

  it('serves the OpenAPI document and its page', async () => {
    const doc = await call(`${gateway.url}/api/docs/openapi.json`);
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/admin/products', '/api/products/{idOrSlug}']));
    const page = await fetch(`${gateway.url}/api/docs`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  });
});
