import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '@shop/service-kit';
import { GatewayEnv, gatewayConfigFrom } from '../src/config.js';
import { startGateway } from '../src/gateway-app.js';

/** A stand-in upstream: a real HTTP server whose behaviour each test sets. */
let behaviour: (path: string, headers: IncomingHttpHeaders, body: string) => { status: number; body: string; delayMs?: number };
let upstream: Server;
let gateway: RunningService;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const answer = behaviour(req.url ?? '', req.headers, body);
      setTimeout(() => {
        res.writeHead(answer.status, { 'content-type': 'application/json', 'x-upstream': 'catalog', connection: 'keep-alive' });
        res.end(answer.body);
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
  const port = (upstream.address() as AddressInfo).port;
  gateway = await startGateway(
    gatewayConfigFrom(GatewayEnv.parse({ GATEWAY_PORT: 0, CATALOG_URL: `http://127.0.0.1:${port}`, UPSTREAM_TIMEOUT_MS: 300 })),
    { handleSignals: false },
  );
});
afterAll(async () => {
  await gateway?.close();
  upstream?.closeAllConnections();
  await new Promise<void>((r) => upstream?.close(() => r()));
});

describe('upstream proxy', () => {
  it('forwards path, query, body and request id, and returns status, body and headers', async () => {
    let seen: { path: string; headers: IncomingHttpHeaders; body: string } | undefined;
    behaviour = (path, headers, body) => {
      seen = { path, headers, body };
      return { status: 201, body: '{"ok":true}' };
    };
    const res = await fetch(`${gateway.url}/api/products/abc?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-42' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('x-upstream')).toBe('catalog');
    expect(seen?.path).toBe('/api/products/abc?x=1');
    expect(JSON.parse(seen!.body)).toEqual({ a: 1 });
    expect(seen?.headers['x-request-id']).toBe('req-42');
    expect(seen?.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen?.headers['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
  });

  it('answers 504 in the error shape when the upstream is too slow', async () => {
    behaviour = () => ({ status: 200, body: '{}', delayMs: 1000 });
    const res = await fetch(`${gateway.url}/api/products`);
    expect(res.status).toBe(504);
    expect((await res.json()) as unknown).toMatchObject({ error: { code: 'UPSTREAM_TIMEOUT' } });
  });

  it('answers 404 for a path no upstream owns, without calling one', async () => {
    let called = false;
    behaviour = () => {
      called = true;
      return { status: 200, body: '{}' };
    };
    const res = await fetch(`${gateway.url}/api/unknown`);
    expect(res.status).toBe(404);
    expect(called).toBe(false);
  });
});
