import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReindexStatus, SearchResult, SuggestResult } from '@shop/contracts';
import { statusAfterRecovery, testEnv } from '@shop/testing';
import { call } from './checkout-platform.js';
import { AppProcess, freePort } from './platform-processes.js';

const ADMIN_PASSWORD = `e2e-admin-${Math.random().toString(36).slice(2)}`;
const ADMIN_EMAIL = `admin-${Math.random().toString(36).slice(2)}@example.com`;

/**
 * Search used as shoppers and a merchant use it, through the built gateway: anyone searches and
 * gets suggestions; a product the merchant creates, edits, sells out and archives shows (or
 * leaves) in the results within seconds, through the catalog's and inventory's events; bad
 * parameters are refused naming the field; only an admin reindexes; search down is a 503 the
 * gateway recovers from by itself. The built catalog, inventory, search and gateway; nothing stubbed.
 */
describe('search through the gateway', () => {
  const prefix = `${testEnv().redisPrefix}e2e-search-${Math.random().toString(36).slice(2, 6)}:`;
  const apps: AppProcess[] = [];
  let gateway: AppProcess;
  let catalog: AppProcess;
  let inventory: AppProcess;
  let search: AppProcess;
  let admin: string;
  let customer: string;
  // A word no other product of the run's shared database has, so totals are this suite's own.
  const word = `zq${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const title = `Organic Cotton Crew Tee ${word.charAt(0).toUpperCase()}${word.slice(1)}`;
  const skus = [`SRCH-${word.toUpperCase()}-M`, `SRCH-${word.toUpperCase()}-L`];
  let productId: string;

  const asAdmin = () => ({ authorization: `Bearer ${admin}` });
  const searchFor = async (query: string) => {
    const res = await call(`${gateway.url}/api/search?${query}`);
    expect(res.status, res.text).toBe(200);
    return SearchResult.parse(res.body);
  };

  async function start(name: string, env: Record<string, string>, port?: number): Promise<AppProcess> {
    const listen = port ?? (await freePort());
    const app = new AppProcess(name, listen, { REDIS_PREFIX: prefix, [`${name.toUpperCase()}_PORT`]: String(listen), ...env });
    apps.push(app);
    await app.start();
    return app;
  }

  /** Waits for what an event makes true (a bounded wait so a broken pipeline fails instead of hanging). */
  async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe().catch(() => undefined);
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(100);
    }
  }

  async function hitOf(query: string) {
    const result = await searchFor(query);
    return result.items.find((i) => i.id === productId);
  }

  beforeAll(async () => {
    [catalog, inventory] = await Promise.all([start('catalog', {}), start('inventory', {})]);
    search = await start('search', { CATALOG_URL: catalog.url, INVENTORY_URL: inventory.url });
    gateway = await start('gateway', {
      CATALOG_URL: catalog.url,
      INVENTORY_URL: inventory.url,
      SEARCH_URL: search.url,
      RATE_LIMIT_ENABLED: 'false',
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
    });
    admin = await until(async () => {
      const login = await call(`${gateway.url}/api/auth/login`, { method: 'POST', json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
      return login.status === 200 ? (login.body.accessToken as string) : undefined;
    }, 'the seeded admin to log in');
    const reg = await call(`${gateway.url}/api/auth/register`, { method: 'POST', json: { email: `search-${randomUUID()}@example.com`, password: 'correct horse battery' } });
    expect(reg.status, reg.text).toBe(201);
    customer = reg.body.accessToken;

    const created = await call(`${gateway.url}/api/admin/products`, {
      method: 'POST',
      headers: asAdmin(),
      json: {
        title,
        description: 'Soft against the skin and breathable on warm days.',
        status: 'active',
        variants: [
          { sku: skus[0], attributes: { size: 'M', colour: 'Navy' }, price: { amount: 2900, currency: 'EUR' } },
          { sku: skus[1], attributes: { size: 'L', colour: 'Black' }, price: { amount: 3900, currency: 'EUR' } },
        ],
      },
    });
    expect(created.status, created.text).toBe(201);
    productId = created.body.id;
    for (const sku of skus) {
      await until(async () => {
        const res = await call(`${gateway.url}/api/admin/inventory/${sku}`, { method: 'PUT', headers: asAdmin(), json: { onHand: 10 } });
        return res.status === 200 ? true : undefined;
      }, `stock of ${sku}`);
    }
  }, 180_000);

  afterAll(async () => {
    for (const app of apps.reverse()) await app.kill('SIGTERM');
  });

  it('finds a new product by its words, anonymously, in the contract shape, with facets that add up', async () => {
    // The product can show before its stock events are applied (out of stock until then): wait for both.
    const hit = await until(async () => {
      const found = await hitOf(`q=${word}`);
      return found?.inStock ? found : undefined;
    }, 'the new product in the results, in stock');
    expect(hit).toMatchObject({ title, price: { amount: 2900, currency: 'EUR' }, inStock: true });
    expect(hit.highlights.some((h) => h.snippet.includes('<mark>'))).toBe(true);
    const result = await searchFor(`q=${word}`);
    expect(result.total).toBe(1);
    expect(result.facets.price.reduce((sum, b) => sum + b.count, 0)).toBe(result.total);
    expect(result.facets.size.map((f) => [f.value, f.count]).sort()).toEqual([['L', 1], ['M', 1]]);
    // A word found by its prefix (search as you type), and filters that compose.
    expect((await searchFor(`q=${word.slice(0, -1)}`)).items.map((i) => i.id)).toContain(productId);
    expect((await searchFor(`q=${word}&size=L&colour=Black`)).total).toBe(1);
    expect((await searchFor(`q=${word}&size=XS,XL`)).total).toBe(0);
    expect((await searchFor(`q=${word}&size=L&colour=Olive`)).total).toBe(0);
    expect((await searchFor(`q=${word}&maxPrice=2000`)).total).toBe(0);
  });

  it('suggests the product as its title is typed', async () => {
    await until(() => hitOf(`q=${word}`), 'the new product in the results');
    const res = await call(`${gateway.url}/api/search/suggest?q=${encodeURIComponent(`organic cotton crew tee ${word.slice(0, 6)}`)}`);
    expect(res.status, res.text).toBe(200);
    const { suggestions } = SuggestResult.parse(res.body);
    expect(suggestions).toContainEqual(expect.objectContaining({ text: title, slug: expect.any(String) }));
  });

  it('refuses bad parameters naming the field', async () => {
    for (const [path, field] of [
      ['/api/search?limit=0', 'limit'],
      ['/api/search?sort=cheapest', 'sort'],
      ['/api/search?minPrice=500&maxPrice=100', 'maxPrice'],
      ['/api/search?cursor=not-a-cursor', 'cursor'],
      ['/api/search?colour=Navy&unknown=1', 'unknown'],
      ['/api/search/suggest', 'q'],
    ] as const) {
      const res = await call(`${gateway.url}${path}`);
      expect([path, res.status, res.body.error?.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
      expect(JSON.stringify(res.body.error.details), path).toContain(field);
    }
  });

  it('lets only an admin reindex: 401 anonymous, 403 customer, then progress for the admin', async () => {
    const path = `${gateway.url}/api/admin/search/reindex`;
    expect((await call(path, { method: 'POST' })).status).toBe(401);
    expect((await call(path, { method: 'POST', headers: { authorization: `Bearer ${customer}` } })).status).toBe(403);
    expect((await call(path, { headers: { authorization: `Bearer ${customer}` } })).status).toBe(403);
    const started = await call(path, { method: 'POST', headers: asAdmin() });
    // 409 only when a reindex (the one on start) is still running.
    expect([202, 409], started.text).toContain(started.status);
    const status = await call(path, { headers: asAdmin() });
    expect(status.status, status.text).toBe(200);
    expect(ReindexStatus.parse(status.body).engine).toBe('postgres');
    await until(async () => ((await call(path, { headers: asAdmin() })).body.state === 'done' ? true : undefined), 'the reindex to finish', 120_000);
    // The product survived the rebuild.
    expect((await searchFor(`q=${word}`)).total).toBe(1);
  });

  it('shows an edit, a sell-out and an archiving within seconds of the event', async () => {
    await until(() => hitOf(`q=${word}`), 'the new product in the results');
    const renamed = await call(`${gateway.url}/api/admin/products/${productId}`, { method: 'PATCH', headers: asAdmin(), json: { title: `${title} Heavyweight` } });
    expect(renamed.status, renamed.text).toBe(200);
    await until(async () => ((await hitOf(`q=${word}`))?.title === `${title} Heavyweight` ? true : undefined), 'the new title');

    for (const sku of skus) {
      const res = await call(`${gateway.url}/api/admin/inventory/${sku}`, { method: 'PUT', headers: asAdmin(), json: { onHand: 0 } });
      expect(res.status, res.text).toBe(200);
    }
    await until(async () => ((await hitOf(`q=${word}`))?.inStock === false ? true : undefined), 'the product to show as sold out');
    expect((await searchFor(`q=${word}&inStock=true`)).total).toBe(0);

    const archived = await call(`${gateway.url}/api/admin/products/${productId}/archive`, { method: 'POST', headers: asAdmin() });
    expect(archived.status, archived.text).toBe(200);
    await until(async () => ((await searchFor(`q=${word}`)).total === 0 ? true : undefined), 'the archived product to leave the results');
  });

  it('answers 503 while search is down and searches again once it is back, without a gateway restart', async () => {
    await search.kill('SIGKILL');
    const down = await call(`${gateway.url}/api/search?q=tee`);
    expect(down.status).toBe(503);
    expect(down.text).not.toContain('127.0.0.1');
    search = await start('search', { CATALOG_URL: catalog.url, INVENTORY_URL: inventory.url }, search.port);
    expect(await statusAfterRecovery(() => call(`${gateway.url}/api/search?q=tee`), { tries: 80 })).toBe(200);
  });
});
