import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SearchQuery } from '@shop/contracts';
import { freePort } from '@shop/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createElasticsearchSearchEngine,
  elasticsearchClientOptions,
  type ElasticsearchSearchEngine,
  isElasticsearchUnavailable,
} from '../src/adapters/elasticsearch/elasticsearch-search-engine.js';
import { describeSearchEngineConformance } from './conformance/search-engine.conformance.js';
import { CLASSIC_TEE, FIXTURE_CATEGORIES, ORGANIC_TEE, SALT_AND_PEPPER } from './conformance/fixtures.js';

/**
 * The Elasticsearch engine. The shared conformance suite needs a real Elasticsearch: it runs when
 * ELASTICSEARCH_URL is set (e.g. http://127.0.0.1:9200) and is reported as skipped otherwise.
 * The tests below it always run: the engine's configuration, its outage errors against a port
 * where nothing listens, and the order of its index/alias calls recorded by a stand-in server.
 */
const ELASTICSEARCH_URL = process.env['ELASTICSEARCH_URL'];
if (!ELASTICSEARCH_URL) {
  console.info('Elasticsearch conformance skipped: ELASTICSEARCH_URL is not set (point it at an Elasticsearch 8.x/9.x to run it)');
}

const engines: ElasticsearchSearchEngine[] = [];
// Each run reads and writes its own alias, so runs (and other users of the cluster) never meet.
const runAlias = `shop-products-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

afterAll(async () => {
  for (const engine of engines) {
    if (ELASTICSEARCH_URL && engine.alias === runAlias) await engine.drop();
    await engine.close();
  }
});

describe.skipIf(!ELASTICSEARCH_URL)('Elasticsearch (ELASTICSEARCH_URL)', () => {
  describeSearchEngineConformance('elasticsearch', async () => {
    // refresh: true — the suite searches right after each write.
    const engine = createElasticsearchSearchEngine({ url: ELASTICSEARCH_URL ?? null, alias: runAlias, replicas: 0, refresh: true });
    engines.push(engine);
    await engine.prepare();
    await engine.clear();
    return engine;
  });
});

describe('ElasticsearchSearchEngine without a server', () => {
  it('refuses to start without ELASTICSEARCH_URL, saying what to set', () => {
    expect(() => createElasticsearchSearchEngine({ url: null, alias: 'shop-products' })).toThrow(/ELASTICSEARCH_URL/);
    expect(() => elasticsearchClientOptions({ url: '' })).toThrow(/SEARCH_ENGINE=postgres/);
  });

  it('builds its client with the configured URL and reads the configured alias', () => {
    const engine = createElasticsearchSearchEngine({ url: 'http://127.0.0.1:9299', alias: 'my-products', requestTimeoutMs: 1234 });
    engines.push(engine);
    expect(engine.name).toBe('elasticsearch');
    expect(engine.alias).toBe('my-products');
    expect(elasticsearchClientOptions({ url: 'http://127.0.0.1:9299', requestTimeoutMs: 1234 })).toEqual({
      node: 'http://127.0.0.1:9299',
      requestTimeout: 1234,
      maxRetries: 2,
    });
    const urls = engine.client.connectionPool.connections.map((c) => c.url.href);
    expect(urls).toEqual(['http://127.0.0.1:9299/']);
  });

  it('fails with an error the HTTP layer answers 503 when Elasticsearch cannot be reached', async () => {
    const port = await freePort(); // free: nothing listens there
    const engine = createElasticsearchSearchEngine({ url: `http://127.0.0.1:${port}`, alias: 'shop-products', requestTimeoutMs: 2000, maxRetries: 0 });
    engines.push(engine);
    const failures = await Promise.all([
      engine.prepare().catch((e: unknown) => e),
      engine.search(SearchQuery.parse({ q: 'tee' }), FIXTURE_CATEGORIES).catch((e: unknown) => e),
      engine.upsert([ORGANIC_TEE]).catch((e: unknown) => e),
      engine.ping().catch((e: unknown) => e),
    ]);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(Error);
      expect(isElasticsearchUnavailable(failure)).toBe(true);
    }
    expect(isElasticsearchUnavailable(new Error('a bug'))).toBe(false);
  });
});

describe('ElasticsearchSearchEngine calls, recorded by a stand-in server', () => {
  it('rebuilds into a new index, writes to both while open, skips removed products, then swaps the alias atomically and drops the old index', async () => {
    const recorder = await recordingServer('shop-products', 'shop-products-initial');
    try {
      const engine = createElasticsearchSearchEngine({
        url: recorder.url,
        alias: 'shop-products',
        refresh: 'wait_for',
        now: () => new Date('2026-12-05T08:15:30.123Z'),
      });
      engines.push(engine);
      const rebuild = await engine.beginRebuild();
      await engine.upsert([CLASSIC_TEE]);
      await engine.remove([SALT_AND_PEPPER.productId]);
      await rebuild.write([ORGANIC_TEE, SALT_AND_PEPPER]);
      await rebuild.commit();
      await expect(rebuild.write([ORGANIC_TEE])).rejects.toThrow(/no longer open/);

      const next = 'shop-products-20261205081530123';
      expect(recorder.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
        'HEAD /_alias/shop-products',
        'PUT /shop-products/_mapping',
        `PUT /${next}`,
        'POST /_bulk?refresh=wait_for',
        'POST /_bulk?refresh=false',
        'POST /_bulk?refresh=wait_for',
        'POST /_bulk?refresh=false',
        'POST /_bulk?refresh=false',
        `PUT /${next}/_settings`,
        `GET /${next}/_refresh`,
        'GET /_alias/shop-products',
        'POST /_aliases',
        'DELETE /shop-products-initial',
      ]);
      const [, mapping, create, liveUpsert, newUpsert, liveRemove, newRemove, rebuildWrite, settings, , , swap] = recorder.calls;
      // The live index, made before the price now was indexed, gets its fields before any write.
      expect(mapping?.body[0]).toEqual({ properties: { listPrices: { type: 'object', enabled: false }, priceNow: { type: 'long' } } });
      expect(create?.body[0]).toMatchObject({ settings: { refresh_interval: '-1', number_of_replicas: 0 } });
      expect(liveUpsert?.body[0]).toEqual({ index: { _index: 'shop-products', _id: CLASSIC_TEE.productId, version: 1, version_type: 'external_gte' } });
      expect(newUpsert?.body[0]).toMatchObject({ index: { _index: next, _id: CLASSIC_TEE.productId } });
      expect(liveRemove?.body).toEqual([{ delete: { _index: 'shop-products', _id: SALT_AND_PEPPER.productId } }]);
      expect(newRemove?.body).toEqual([{ delete: { _index: next, _id: SALT_AND_PEPPER.productId } }]);
      // The rebuild's page was read before the removal: the removed product is not written back.
      expect(rebuildWrite?.body.filter((line) => 'index' in line)).toEqual([
        { index: { _index: next, _id: ORGANIC_TEE.productId, version: 1, version_type: 'external_gte' } },
      ]);
      expect(settings?.body[0]).toEqual({ refresh_interval: '1s', number_of_replicas: 1 });
      expect(swap?.body[0]).toEqual({
        actions: [{ remove: { index: 'shop-products-initial', alias: 'shop-products' } }, { add: { index: next, alias: 'shop-products' } }],
      });
    } finally {
      await recorder.close();
    }
  });

  it('throws on a refused bulk operation but not on an older version or a missing document', async () => {
    const recorder = await recordingServer('shop-products', 'shop-products-initial', [
      { index: { _id: 'a', status: 409, error: { type: 'version_conflict_engine_exception', reason: 'older' } } },
      { delete: { _id: 'b', status: 404, result: 'not_found' } },
    ]);
    try {
      const engine = createElasticsearchSearchEngine({ url: recorder.url, alias: 'shop-products' });
      engines.push(engine);
      await expect(engine.upsert([ORGANIC_TEE])).resolves.toBeUndefined();
      recorder.bulkItems = [{ index: { _id: 'c', status: 400, error: { type: 'mapper_parsing_exception', reason: 'bad field' } } }];
      await expect(engine.upsert([ORGANIC_TEE])).rejects.toThrow(/mapper_parsing_exception bad field/);
    } finally {
      await recorder.close();
    }
  });
});

interface RecordedCall {
  method: string;
  path: string;
  /** The JSON body, one entry per NDJSON line for _bulk. */
  body: Record<string, unknown>[];
}

/**
 * Answers the index-management and bulk calls the engine makes the way Elasticsearch does (an
 * alias behind one index, acknowledged changes) and records them; it checks the order and shape
 * of the calls, not search behaviour (that is the conformance suite's job on a real server).
 */
async function recordingServer(alias: string, liveIndex: string, bulkItems: unknown[] = []) {
  const calls: RecordedCall[] = [];
  const state = { bulkItems };
  const server: Server = createServer((request, response) => {
    void readBody(request).then((raw) => {
      const path = request.url ?? '/';
      const body = raw
        .split('\n')
        .filter((line) => line.trim().length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      calls.push({ method: request.method ?? '', path, body });
      let answer: unknown = { acknowledged: true };
      if (path.startsWith('/_bulk')) answer = { took: 1, errors: state.bulkItems.length > 0, items: state.bulkItems };
      else if (request.method === 'GET' && path === `/_alias/${alias}`) answer = { [liveIndex]: { aliases: { [alias]: {} } } };
      else if (path.endsWith('/_refresh')) answer = { _shards: { total: 1, successful: 1, failed: 0 } };
      response.writeHead(200, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' });
      response.end(request.method === 'HEAD' ? undefined : JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    set bulkItems(items: unknown[]) {
      state.bulkItems = items;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
