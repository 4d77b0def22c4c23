import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Product, ReindexStatus } from '@shop/contracts';
import { DependencyRelays, eventually, fetchJson, freePort, statusAfterRecovery, testEnv, type BuiltService } from '@shop/testing';
import { CATALOG_STREAM } from '../src/messaging/search-consumers.js';
import { ADMIN, catalogAdmin, CUSTOMER, indexCaughtUp, search, startCatalog, startTestSearch, uniqueSku, uniqueWord } from './search-harness.js';

/** The HTTP surface: validation, the admin reindex and its authorization, and a database outage. */
describe('search API', () => {
  const prefix = `${testEnv().redisPrefix}srch-api:`;
  let catalog: BuiltService;
  let service: Awaited<ReturnType<typeof startTestSearch>>;
  const word = uniqueWord();

  beforeAll(async () => {
    catalog = await startCatalog(prefix);
    service = await startTestSearch({ prefix, catalogUrl: catalog.url });
  });
  afterAll(async () => {
    await service?.close();
    await catalog?.stop();
  });

  it('a bad parameter is refused with 400 naming the field', async () => {
    for (const [query, field] of [
      ['limit=abc', 'limit'],
      ['minPrice=-1', 'minPrice'],
      ['minPrice=500&maxPrice=100', 'maxPrice'],
      ['sort=cheapest', 'sort'],
      ['inStock=yes', 'inStock'],
      ['category=Not%20A%20Slug', 'category'],
      ['colour=' + 'x'.repeat(81), 'colour'],
      ['page=2', 'page'],
    ] as const) {
      const res = await fetchJson(`${service.url}/api/search?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe('VALIDATION_FAILED');
      expect((res.body.error.details as Array<{ field: string }>).map((d) => d.field.split('.')[0]), query).toContain(field);
    }
    const suggest = await fetchJson(`${service.url}/api/search/suggest?q=`);
    expect(suggest.status).toBe(400);
    expect(suggest.body.error.details[0].field).toBe('q');
  });

  it('the admin reindex refuses anonymous and customer callers', async () => {
    for (const method of ['GET', 'POST']) {
      const anonymous = await fetchJson(`${service.url}/api/admin/search/reindex`, { method });
      expect(anonymous.status, method).toBe(401);
      const customer = await fetchJson(`${service.url}/api/admin/search/reindex`, { method, identity: CUSTOMER });
      expect(customer.status, method).toBe(403);
    }
    expect(service.reindexer.status().state).toBe('idle');
  });

  it('reindexes a few hundred products through the admin route: progress, then done with the catalog’s count', async () => {
    const admin = catalogAdmin(catalog.url);
    const created: Product[] = [];
    const n = 300;
    for (let i = 0; i < n; i += 10) {
      created.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(10, n - i) }, (_, k) =>
            admin.create({ title: `Batch ${word} ${i + k}`, variants: [{ sku: uniqueSku('BAT'), price: { amount: 1000 + i + k, currency: 'EUR' } }] }),
          ),
        )),
      );
    }
    const activeInCatalog = await countActive(catalog.url);
    expect(activeInCatalog).toBeGreaterThanOrEqual(n);

    // Hold the indexer's turn: the run waits before its first write, so it is surely still running below.
    // The hold queues behind whatever the event consumer is indexing: it is released once it runs.
    let release!: () => void;
    let holding!: () => void;
    const holdRuns = new Promise<void>((resolve) => (holding = resolve));
    const held = service.indexer.exclusive(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
          holding();
        }),
    );
    const started = await fetchJson(`${service.url}/api/admin/search/reindex`, { method: 'POST', identity: ADMIN });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ state: 'running', engine: 'postgres', indexed: 0, finishedAt: null, error: null });
    const second = await fetchJson(`${service.url}/api/admin/search/reindex`, { method: 'POST', identity: ADMIN });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('CONFLICT');
    const running = await fetchJson(`${service.url}/api/admin/search/reindex`, { identity: ADMIN });
    expect(running.body).toMatchObject({ state: 'running', indexed: 0 });
    await holdRuns;
    release();
    await held;

    const seen: ReindexStatus[] = [];
    const final = await eventually(async () => {
      const res = await fetchJson(`${service.url}/api/admin/search/reindex`, { identity: ADMIN });
      expect(res.status).toBe(200);
      seen.push(res.body as ReindexStatus);
      if ((res.body as ReindexStatus).state === 'running') throw new Error('still running');
      return res.body as ReindexStatus;
    });
    expect(final).toMatchObject({ state: 'done', engine: 'postgres', indexed: activeInCatalog, total: activeInCatalog, error: null });
    expect(final.finishedAt).not.toBeNull();
    for (const status of seen) expect(status.indexed).toBeLessThanOrEqual(activeInCatalog);

    const all = await search(service.url, `q=${word}&limit=100`);
    expect(all.total).toBe(n);
    expect(all.facets.price.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(n);

    const again = await fetchJson(`${service.url}/api/admin/search/reindex`, { method: 'POST', identity: ADMIN });
    expect(again.status).toBe(202);
    expect(await service.reindexer.done()).toMatchObject({ state: 'done', indexed: activeInCatalog });
    expect((await search(service.url, `q=${word}&limit=1`)).total).toBe(n);
  }, 120_000);

  it('on start with an empty index, reindexes from the catalog', async () => {
    // The catalog's events of the products made above may still be on their way: an event applied
    // after the clear would put its product back.
    await indexCaughtUp(prefix, CATALOG_STREAM, 'search.catalog');
    await service.engine.clear();
    expect((await search(service.url, `q=${word}&limit=1`)).total).toBe(0);
    const fresh = await startTestSearch({ prefix, catalogUrl: catalog.url, env: { SEARCH_REINDEX_ON_START: 'true' } });
    try {
      await fresh.initialReindex.done();
      expect(fresh.reindexer.status()).toMatchObject({ state: 'done', indexed: await countActive(catalog.url) });
      expect((await search(fresh.url, `q=${word}&limit=1`)).total).toBe(300);
    } finally {
      await fresh.close();
    }
  }, 60_000);

  it('a reindex that cannot read the catalog fails and leaves the live index as it was', async () => {
    // The reindex above ran in another instance: this one's memory index follows its swap through
    // the change feed (read every SEARCH_INDEX_POLL_MS), not at once.
    await vi.waitFor(async () => expect((await search(service.url, `q=${word}&limit=1`)).total).toBe(300), { timeout: 10_000, interval: 100 });
    const before = (await search(service.url, `q=${word}&limit=1`)).total;
    const orphan = await startTestSearch({ prefix: `${prefix}orphan:`, catalogUrl: `http://127.0.0.1:${await freePort()}` });
    try {
      const final = await orphan.reindexer.run();
      expect(final).toMatchObject({ state: 'failed', indexed: 0 });
      expect(final.error).toMatch(/catalog/);
      expect((await search(orphan.url, `q=${word}&limit=1`)).total).toBe(before);
    } finally {
      await orphan.close();
    }
  });

  it('answers 503 while its database is away, and serves again once it is back', async () => {
    const relays = new DependencyRelays(testEnv());
    const urls = await relays.start();
    const viaRelay = await startTestSearch({ prefix, catalogUrl: catalog.url, env: { DATABASE_URL: urls.databaseUrl, REDIS_URL: urls.redisUrl } });
    try {
      expect((await fetchJson(`${viaRelay.url}/api/search?q=${word}`)).status).toBe(200);
      await relays.postgres.cut();
      const down = await fetchJson(`${viaRelay.url}/api/search?q=${word}`);
      expect(down.status).toBe(503);
      expect(down.body.error.code).toBe('DEPENDENCY_UNAVAILABLE');
      expect((await fetchJson(`${viaRelay.url}/api/search/suggest?q=${word}`)).status).toBe(503);
      await relays.postgres.restore();
      expect(await statusAfterRecovery(() => fetchJson(`${viaRelay.url}/api/search?q=${word}`))).toBe(200);
    } finally {
      await relays.shutDown(() => viaRelay.close());
    }
  }, 60_000);
});

/** Active products the catalog lists, paging through its public listing. */
async function countActive(catalogUrl: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const res = await fetchJson(`${catalogUrl}/api/products?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    const page = res.body as { items: unknown[]; nextCursor: string | null };
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}
