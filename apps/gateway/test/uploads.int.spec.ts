import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_BODY_LIMIT_BYTES } from '../src/edge/upload-passthrough.js';
import { call, login, register, StandIn, startTestGateway, type TestGateway } from './gateway-harness.js';

const LIMIT = 4096;
const IMAGES = '/api/admin/products/00000000-0000-4000-8000-000000000000/images';

let upstream: StandIn;
let gateway: TestGateway;
let adminToken: string;
let customerToken: string;

beforeAll(async () => {
  upstream = await new StandIn().start();
  gateway = await startTestGateway({ catalogUrl: upstream.url, env: { GATEWAY_UPLOAD_LIMIT_BYTES: String(LIMIT), GATEWAY_BODY_LIMIT_BYTES: '1024', NOTIFICATIONS_URL: upstream.url } });
  adminToken = (await login(gateway.url, gateway.admin.email, gateway.admin.password)).accessToken;
  customerToken = (await register(gateway.url)).session.accessToken;
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

/** A multipart body by hand, so the test knows every byte the upstream must receive. */
function multipart(fileBytes: string): { body: string; contentType: string } {
  const boundary = '----shop-test-boundary';
  const body = [
    `--${boundary}`,
    'Content-Disposition: form-data; name="alt"',
    '',
    'Front view',
    `--${boundary}`,
    'Content-Disposition: form-data; name="file"; filename="tee.png"',
    'Content-Type: image/png',
    '',
    fileBytes,
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

function post(body: string | Readable, contentType: string, token: string | undefined, headers: Record<string, string> = {}) {
  return request(gateway.url + IMAGES, {
    method: 'POST',
    body,
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  }).then(async (res) => ({ status: res.statusCode, body: (await res.body.json().catch(() => undefined)) as { error?: { code: string; details?: unknown } } | undefined }));
}

describe('uploads through the gateway', () => {
  it('streams an admin’s multipart body to the catalog byte for byte, with its boundary and length, bigger than the JSON body limit', async () => {
    const { body, contentType } = multipart('x'.repeat(3000));
    upstream.seen.length = 0;
    upstream.behaviour = () => ({ status: 201, body: '{"id":"p"}' });
    const res = await post(body, contentType, adminToken);
    expect(res.status).toBe(201);
    expect(upstream.seen).toHaveLength(1);
    const seen = upstream.seen[0]!;
    expect(seen.body).toBe(body);
    expect(seen.headers['content-type']).toBe(contentType);
    expect(seen.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(seen.headers['x-user-role']).toBe('admin');
    upstream.behaviour = () => ({ status: 200, body: '{"ok":true}' });
  });

  it('streams a body sent without a length (chunked) too', async () => {
    const { body, contentType } = multipart('chunked file');
    upstream.seen.length = 0;
    const res = await post(Readable.from([Buffer.from(body.slice(0, 50)), Buffer.from(body.slice(50))]), contentType, adminToken);
    expect(res.status).toBe(200);
    expect(upstream.seen[0]?.body).toBe(body);
  });

  it('refuses an upload over the limit with 413 naming the body: declared up front (never forwarded) or counted on the way', async () => {
    const { body, contentType } = multipart('y'.repeat(LIMIT));
    upstream.seen.length = 0;
    const declared = await post(body, contentType, adminToken);
    expect(declared.status).toBe(413);
    expect(declared.body?.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: [{ field: 'body', reason: `must be at most ${LIMIT} bytes` }] });
    expect(upstream.seen).toHaveLength(0);

    const streamed = await post(Readable.from([Buffer.from(body.slice(0, 2000)), Buffer.from(body.slice(2000))]), contentType, adminToken);
    expect(streamed.status).toBe(413);
    expect(streamed.body?.error?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('checks the role before reading the body: anonymous 401, a customer 403, nothing forwarded', async () => {
    const { body, contentType } = multipart('secret');
    upstream.seen.length = 0;
    expect((await post(body, contentType, undefined)).status).toBe(401);
    expect((await post(body, contentType, customerToken)).status).toBe(403);
    expect(upstream.seen).toHaveLength(0);
  });

  it('takes multipart only where the route table says so (415 elsewhere), and JSON as before', async () => {
    const { body, contentType } = multipart('z');
    upstream.seen.length = 0;
    const elsewhere = await request(`${gateway.url}/api/carts`, { method: 'POST', body, headers: { 'content-type': contentType } });
    expect(elsewhere.statusCode).toBe(415);
    expect(((await elsewhere.body.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(upstream.seen).toHaveLength(0);
    const json = await call(gateway.url, `${IMAGES}`, { method: 'PATCH', json: { images: [] }, token: adminToken });
    expect(json.status).toBe(200);
    expect(upstream.seen[0]?.body).toBe('{"images":[]}');
  });

  it('takes a small multipart form where the route table says so (the one-click unsubscribe), and urlencoded as everywhere', async () => {
    const unsubscribe = `${gateway.url}/api/notifications/unsubscribe?token=abcdefghijkl`;
    const form = (url: string, body: string, contentType: string) =>
      request(url, { method: 'POST', body, headers: { 'content-type': contentType } }).then(async (res) => ({ status: res.statusCode, body: (await res.body.json().catch(() => undefined)) as { error?: { code: string; details?: unknown } } | undefined }));
    const boundary = '----one-click';
    const multi = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
    upstream.seen.length = 0;
    expect((await form(unsubscribe, multi, `multipart/form-data; boundary=${boundary}`)).status).toBe(200);
    expect((await form(unsubscribe, 'List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded')).status).toBe(200);
    expect(upstream.seen.map((r) => [r.body, r.headers['content-type']])).toEqual([
      [multi, `multipart/form-data; boundary=${boundary}`],
      ['{"List-Unsubscribe":"One-Click"}', 'application/json'],
    ]);

    // A form is small: over the limit it is refused before anything is forwarded, declared up front or counted on the way.
    upstream.seen.length = 0;
    const big = `--${boundary}\r\nContent-Disposition: form-data; name="x"\r\n\r\n${'x'.repeat(FORM_BODY_LIMIT_BYTES)}\r\n--${boundary}--\r\n`;
    const declared = await form(unsubscribe, big, `multipart/form-data; boundary=${boundary}`);
    expect(declared.status).toBe(413);
    expect(declared.body?.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: [{ field: 'body', reason: `must be at most ${FORM_BODY_LIMIT_BYTES} bytes` }] });
    const streamed = await request(unsubscribe, { method: 'POST', body: Readable.from([Buffer.from(big.slice(0, 2000)), Buffer.from(big.slice(2000))]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(streamed.statusCode).toBe(413);
    await streamed.body.dump();
    // Elsewhere multipart stays 415 (or the caller's refusal first), and reaches no upstream.
    expect((await form(`${gateway.url}/api/carts`, multi, `multipart/form-data; boundary=${boundary}`)).status).toBe(415);
    expect((await form(`${gateway.url}${IMAGES}`, multi, `multipart/form-data; boundary=${boundary}`)).status).toBe(401);
    expect(upstream.seen).toHaveLength(0);
  });
});
