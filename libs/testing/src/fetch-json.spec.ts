import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyIdentity } from '@shop/observability';
import { fetchJson, parseJsonOrText } from './fetch-json.js';

let server: Server;
let base: string;
let seen: { req: IncomingMessage; body: string } | undefined;
let reply: { status: number; type: string; body: string };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen = { req, body };
      res.writeHead(reply.status, { 'content-type': reply.type, 'x-answer': 'yes' });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('fetchJson', () => {
  it('sends `json` as a JSON body and answers status, headers, text and the parsed body', async () => {
    reply = { status: 201, type: 'application/json', body: '{"id":"a1"}' };
    const res = await fetchJson(`${base}/things`, { method: 'POST', json: { name: 'x' }, headers: { 'idempotency-key': 'k' } });
    expect(seen?.req.method).toBe('POST');
    expect(seen?.req.headers['content-type']).toBe('application/json');
    expect(seen?.req.headers['idempotency-key']).toBe('k');
    expect(JSON.parse(seen!.body)).toEqual({ name: 'x' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-answer')).toBe('yes');
    expect(res.text).toBe('{"id":"a1"}');
    expect(res.body).toEqual({ id: 'a1' });
  });

  it('signs the identity for the very method, path and query it sends', async () => {
    reply = { status: 200, type: 'application/json', body: '{}' };
    await fetchJson(`${base}/api/carts/c1?x=1`, { method: 'DELETE', identity: { userId: 'u1', role: 'customer' } });
    const h = seen!.req.headers;
    expect(h['x-user-id']).toBe('u1');
    const signed = { method: 'DELETE', url: '/api/carts/c1?x=1', requestId: h['x-request-id'] as string };
    const key = process.env.IDENTITY_SIGNING_SECRET!;
    expect(verifyIdentity(key, h['x-identity-signature'] as string, { userId: 'u1', role: 'customer' }, signed, Date.now())).toBeNull();
    expect(verifyIdentity(key, h['x-identity-signature'] as string, { userId: 'u1', role: 'customer' }, { ...signed, url: '/api/carts/c1' }, Date.now())).toBe('bad-signature');
  });

  it('keeps a body that is not JSON as text, and an empty one as undefined', async () => {
    reply = { status: 502, type: 'text/html', body: '<h1>bad gateway</h1>' };
    expect((await fetchJson(`${base}/x`)).body).toBe('<h1>bad gateway</h1>');
    reply = { status: 204, type: 'application/json', body: '' };
    const empty = await fetchJson(`${base}/x`);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeUndefined();
    expect(seen?.req.headers['content-type']).toBeUndefined();
  });

  it('parseJsonOrText', () => {
    expect(parseJsonOrText('[1]')).toEqual([1]);
    expect(parseJsonOrText('nope')).toBe('nope');
    expect(parseJsonOrText('')).toBeUndefined();
  });
});
