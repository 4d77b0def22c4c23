import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchResult } from '@shop/contracts';
import { fetchJson, testEnv, type BuiltService } from '@shop/testing';
import { startCatalog, startTestSearch } from './search-harness.js';

/**
 * GET /api/search/naive, the benchmark's baseline: absent unless SEARCH_NAIVE_BASELINE=true; when
 * mounted, public like GET /api/search (no identity needed) and validated by the same contract.
 */
describe('the naive baseline route (bench:search only)', () => {
  const prefix = `${testEnv().redisPrefix}srch-naive:`;
  let catalog: BuiltService;
  let plain: Awaited<ReturnType<typeof startTestSearch>>;
  let bench: Awaited<ReturnType<typeof startTestSearch>>;

  beforeAll(async () => {
    catalog = await startCatalog(prefix);
    plain = await startTestSearch({ prefix, catalogUrl: catalog.url });
    bench = await startTestSearch({ prefix, catalogUrl: catalog.url, env: { SEARCH_NAIVE_BASELINE: 'true' } });
  });
  afterAll(async () => {
    await plain?.close();
    await bench?.close();
    await catalog?.stop();
  });

  it('is not mounted in a shop (the default)', async () => {
    expect((await fetchJson(`${plain.url}/api/search/naive?q=tee`)).status).toBe(404);
  });

  it('answers anyone a search result when mounted', async () => {
    const res = await fetchJson(`${bench.url}/api/search/naive?q=no-such-word-${Date.now()}&size=M,L&sort=price_asc`);
    expect(res.status).toBe(200);
    expect(SearchResult.parse(res.body)).toMatchObject({ items: [], total: 0, nextCursor: null });
  });

  it('refuses a bad parameter, and any cursor, with 400 naming the field', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['sort=cheapest', 'sort'],
      ['cursor=abc', 'cursor'],
    ] as const) {
      const res = await fetchJson(`${bench.url}/api/search/naive?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe('VALIDATION_FAILED');
      expect((res.body.error.details as Array<{ field: string }>).map((d) => d.field), query).toContain(field);
    }
  });
});
