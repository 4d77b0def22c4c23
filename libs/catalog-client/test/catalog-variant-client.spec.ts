import { randomUUID } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SKUS_PER_LOOKUP, type VariantView } from '@shop/contracts';
import { UpstreamUnavailableError } from '@shop/service-kit';
import { CatalogVariantClient } from '../src/catalog-variant-client.js';

const variant = (sku: string): VariantView => ({
  sku,
  productId: randomUUID(),
  productSlug: 'tee',
  productTitle: 'Tee',
  title: sku,
  attributes: {},
  price: { amount: 1999, currency: 'EUR' },
  status: 'active',
});

let server: Server;
let origin: string;
let answer: (skus: string[], res: ServerResponse) => void;
const lookups: { skus: string[]; credential: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const skus = (url.searchParams.get('skus') ?? '').split(',');
    lookups.push({ skus, credential: req.headers['x-service-credential'] as string | undefined });
    answer(skus, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => void lookups.splice(0));

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
/** A catalog that knows every SKU but those starting with "UNKNOWN". */
const knowsAllButUnknown = (skus: string[], res: ServerResponse) =>
  json(res, 200, { items: skus.filter((s) => !s.startsWith('UNKNOWN')).map(variant) });

describe('CatalogVariantClient', () => {
  it('looks SKUs up once each, at most MAX_SKUS_PER_LOOKUP per call, as the calling service', async () => {
    answer = knowsAllButUnknown;
    const client = new CatalogVariantClient({ caller: 'cart', origin, timeoutMs: 1000 });
    const skus = Array.from({ length: 2 * MAX_SKUS_PER_LOOKUP + 5 }, (_, i) => `SKU-${i}`);
    const found = await client.variants([...skus, 'SKU-0', 'UNKNOWN-1']);
    await client.close();

    expect([...found.keys()].sort()).toEqual([...skus].sort());
    expect(found.get('SKU-7')?.price).toEqual({ amount: 1999, currency: 'EUR' });
    expect(lookups).toHaveLength(3);
    expect(lookups.every((l) => l.skus.length <= MAX_SKUS_PER_LOOKUP)).toBe(true);
    expect(lookups.flatMap((l) => l.skus).sort()).toEqual([...skus, 'UNKNOWN-1'].sort());
    expect(lookups[0]!.credential).toMatch(/^s1\.cart\./);
  });

  it('makes no call for no SKUs', async () => {
    const client = new CatalogVariantClient({ caller: 'payments', origin, timeoutMs: 1000 });
    expect((await client.variants([])).size).toBe(0);
    await client.close();
    expect(lookups).toHaveLength(0);
  });

  it.each([
    ['an error status', (_skus: string[], res: ServerResponse) => json(res, 404, { error: { code: 'NOT_FOUND', message: 'no' } }), /catalog: answered 404 to a SKU lookup/],
    ['a 503', (_skus: string[], res: ServerResponse) => json(res, 503, { error: { code: 'DEPENDENCY_UNAVAILABLE', message: 'db' } }), /catalog: answered 503/],
    ['a body that is no variant list', (_skus: string[], res: ServerResponse) => json(res, 200, { items: [{ sku: 'A' }] }), /catalog: answered a SKU lookup with an unexpected body/],
  ])('turns %s into UpstreamUnavailableError naming the catalog', async (_what, handler, message) => {
    answer = handler;
    const client = new CatalogVariantClient({ caller: 'payments', origin, timeoutMs: 1000 });
    const error = await client.variants(['A']).catch((err: unknown) => err);
    await client.close();
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect((error as UpstreamUnavailableError).service).toBe('catalog');
    expect((error as Error).message).toMatch(message);
  });

  it('turns a catalog that does not answer into UpstreamUnavailableError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = new CatalogVariantClient({ caller: 'cart', origin: `http://127.0.0.1:${port}`, timeoutMs: 500 });
    await expect(client.variants(['A'])).rejects.toBeInstanceOf(UpstreamUnavailableError);
    await client.close();
  });
});
