import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, trace } from '@opentelemetry/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initTracing, shutdownTracing } from '@shop/observability';
import { answerFor } from '../src/http-error-filter.js';
import { ServiceClient, UpstreamUnavailableError } from '../src/service-client.js';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

let server: Server;
let origin: string;
let handler: Handler;
const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      handler(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => void seen.splice(0));

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe('ServiceClient', () => {
  it('sends JSON with the caller credential and the trace context, and reads status, body and reply headers', async () => {
    initTracing({ service: 'service-client-spec' });
    handler = (_req, _body, res) => json(res, 201, { ok: true }, { 'retry-after': '2', 'idempotent-replayed': 'true' });
    const client = new ServiceClient({ caller: 'payments', service: 'orders', origin, timeoutMs: 1000 });
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const spanContext = { traceId, spanId: 'b7ad6b7169203331', traceFlags: 1 };
    const answer = await context.with(trace.setSpanContext(context.active(), spanContext), () =>
      client.request('POST', '/internal/orders', { body: { a: 1 }, headers: { 'idempotency-key': 'k1' } }),
    );
    expect(answer).toEqual({ status: 201, body: { ok: true }, retryAfter: '2', replayed: true });
    const request = seen[0]!;
    expect(request.method).toBe('POST');
    expect(JSON.parse(request.body)).toEqual({ a: 1 });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['idempotency-key']).toBe('k1');
    expect(request.headers['x-service-credential']).toMatch(/^s1\.payments\./);
    expect(request.headers.traceparent).toContain(traceId);
    await client.close();
    await shutdownTracing();
  });

  it('returns 4xx answers for the caller to read', async () => {
    handler = (_req, _body, res) => json(res, 409, { error: { code: 'OUT_OF_STOCK', message: 'no', details: ['A'] } });
    const client = new ServiceClient({ caller: 'payments', service: 'inventory', origin, timeoutMs: 1000 });
    const answer = await client.request('POST', '/api/reservations', { body: {} });
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({ error: { code: 'OUT_OF_STOCK', message: 'no', details: ['A'] } });
    await client.close();
  });

  it('turns a 5xx into UpstreamUnavailableError naming the service and the code, unless told to pass it', async () => {
    handler = (_req, _body, res) => json(res, 503, { error: { code: 'PARTITION_UNAVAILABLE', message: 'moving' } }, { 'retry-after': '1' });
    const client = new ServiceClient({ caller: 'inventory', service: 'inventory peer', origin, timeoutMs: 1000 });
    await expect(client.request('POST', '/internal/x', { body: {} })).rejects.toThrow(/inventory peer: answered 503 to POST \/internal\/x \(PARTITION_UNAVAILABLE\)/);
    const passed = await client.request('POST', '/internal/x', { body: {}, passStatuses: [503] });
    expect(passed).toMatchObject({ status: 503, retryAfter: '1' });
    await client.close();
  });

  it('retries a safe request after a 5xx, never a POST that is not marked idempotent', async () => {
    let calls = 0;
    handler = (_req, _body, res) => (++calls < 3 ? json(res, 502, {}) : json(res, 200, { n: calls }));
    const client = new ServiceClient({ caller: 'cart', service: 'catalog', origin, timeoutMs: 1000, retries: 2 });
    expect((await client.request('GET', '/internal/catalog/variants')).body).toEqual({ n: 3 });

    calls = 0;
    await expect(client.request('POST', '/internal/thing', { body: {} })).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect(calls).toBe(1);

    calls = 0;
    expect((await client.request('POST', '/internal/thing', { body: {}, idempotent: true })).status).toBe(200);
    expect(calls).toBe(3);
    await client.close();
  });

  it('turns a refused connection or a timeout into UpstreamUnavailableError, answered 503 without the address', async () => {
    const down = new ServiceClient({ caller: 'cart', service: 'catalog', origin: 'http://127.0.0.1:1', timeoutMs: 500 });
    const refused = await down.request('GET', '/x').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UpstreamUnavailableError);
    const answer = answerFor(refused);
    expect(answer).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE', message: 'catalog is unavailable; retry shortly' });
    expect(answer.message).not.toContain('127.0.0.1');
    await down.close();

    handler = () => undefined; // never answers
    const slow = new ServiceClient({ caller: 'cart', service: 'catalog', origin, timeoutMs: 200 });
    await expect(slow.request('GET', '/slow')).rejects.toThrow(/catalog: no answer to GET \/slow/);
    await slow.close();
  });

  it('calls another origin than its default when asked (one client for several peers)', async () => {
    handler = (req, _body, res) => json(res, 200, { url: req.url });
    const client = new ServiceClient({ caller: 'inventory', service: 'inventory peer', timeoutMs: 1000, headers: { 'x-inventory-hop': '1' } });
    expect((await client.request('GET', '/a?b=1', { origin })).body).toEqual({ url: '/a?b=1' });
    expect(seen[0]!.headers['x-inventory-hop']).toBe('1');
    await client.close();
  });
});
