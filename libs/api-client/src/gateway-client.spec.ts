import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, fieldErrorsOf, parseRetryAfter } from './api-error.js';
import { SearchQuery } from '@shop/contracts';
import { createGatewayClient, searchQueryOf, type FetchInit } from './gateway-client.js';
import { AdminProductsApi } from './admin-products.js';
import { startStandInGateway, type SeenRequest, type StandInAnswer } from './stand-in-gateway.js';

/** A real HTTP server standing in for the gateway: answers what the test queued, records what it got. */
let stand: Awaited<ReturnType<typeof startStandInGateway>>;
let baseUrl: string;
const seen: SeenRequest[] = [];
let answer: StandInAnswer = { status: 200, body: '{}' };

beforeAll(async () => {
  stand = await startStandInGateway(seen, () => answer);
  baseUrl = `${stand.url}/`;
});

afterAll(async () => {
  await stand.close();
});

beforeEach(() => {
  seen.length = 0;
  answer = { status: 200, body: '{}' };
});

describe('GatewayClient', () => {
  it('lists products with only the query parameters given', async () => {
    answer = { status: 200, body: JSON.stringify({ items: [], nextCursor: 'abc' }) };
    const page = await createGatewayClient({ baseUrl }).listProducts({ category: 'apparel', sort: 'price_asc', limit: 12 });
    expect(page).toEqual({ items: [], nextCursor: 'abc' });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/products?limit=12&category=apparel&sort=price_asc' });
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });

  it('encodes path segments', async () => {
    await createGatewayClient({ baseUrl }).removeCartItem('c_abc/../x', 'TEE-1 ?');
    expect(seen[0]).toMatchObject({ method: 'DELETE', url: '/api/carts/c_abc%2F..%2Fx/items/TEE-1%20%3F' });
  });

  it("changes the signed-in customer's current cart in one call each, with the token", async () => {
    answer = { status: 200, body: JSON.stringify({ id: 'c_x', lines: [] }) };
    const client = createGatewayClient({ baseUrl, accessToken: 'tok' });
    expect(await client.addCurrentCartItem({ sku: 'TEE-1', quantity: 2 })).toEqual({ id: 'c_x', lines: [] });
    await client.updateCurrentCartItem('TEE 1', 3);
    await client.removeCurrentCartItem('TEE-1');
    expect(seen.map((s) => [s.method, s.url, s.body, s.headers.authorization])).toEqual([
      ['POST', '/api/carts/current/items', JSON.stringify({ sku: 'TEE-1', quantity: 2 }), 'Bearer tok'],
      ['PATCH', '/api/carts/current/items/TEE%201', JSON.stringify({ quantity: 3 }), 'Bearer tok'],
      ['DELETE', '/api/carts/current/items/TEE-1', '', 'Bearer tok'],
    ]);
  });

  it("makes a sale page's Buy now cart for the signed-in customer: one SKU, with the token", async () => {
    answer = { status: 201, body: JSON.stringify({ id: 'c_buy', lines: [] }) };
    const client = createGatewayClient({ baseUrl, accessToken: 'tok' });
    expect(await client.createBuyNowCart({ sku: 'SALE-1' })).toEqual({ id: 'c_buy', lines: [] });
    expect(seen.map((s) => [s.method, s.url, s.body, s.headers.authorization])).toEqual([['POST', '/api/carts/buy-now', JSON.stringify({ sku: 'SALE-1' }), 'Bearer tok']]);
  });

  it('unwraps the category tree', async () => {
    answer = { status: 200, body: JSON.stringify({ items: [{ slug: 'apparel', children: [] }] }) };
    expect(await createGatewayClient({ baseUrl }).listCategories()).toEqual([{ slug: 'apparel', children: [] }]);
  });

  it('sends the bearer token, JSON bodies and the Idempotency-Key', async () => {
    answer = { status: 202, body: JSON.stringify({ checkoutId: 'k', orderId: 'o', orderNumber: 'SO-000001', status: 'PENDING' }) };
    const client = createGatewayClient({ baseUrl, accessToken: 'tok-1', headers: { 'x-forwarded-for': '10.0.0.7' } });
    const body = {
      cartId: 'c_AbCdEfGhIjKlMnOpQrSt-_',
      payment: { method: 'card' as const, token: 'tok_approve' },
      shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D1', country: 'IE' },
    };
    expect(await client.checkout(body, 'key-123')).toEqual({ checkoutId: 'k', orderId: 'o', orderNumber: 'SO-000001', status: 'PENDING' });
    const req = seen[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/api/checkout');
    expect(req.headers.authorization).toBe('Bearer tok-1');
    expect(req.headers['idempotency-key']).toBe('key-123');
    expect(req.headers['x-forwarded-for']).toBe('10.0.0.7');
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual(body);
  });

  it('uploads a form as multipart/form-data with its boundary, and the image routes by their paths', async () => {
    answer = { status: 201, body: JSON.stringify({ id: 'p' }) };
    const client = createGatewayClient({ baseUrl, accessToken: 'tok-1' });
    const products = new AdminProductsApi(client);
    const form = new FormData();
    form.append('alt', 'Front');
    form.append('file', new Blob(['PNGBYTES'], { type: 'image/png' }), 'tee.png');
    expect(await products.uploadImage('p/1', form)).toEqual({ id: 'p' });
    const upload = seen[0]!;
    expect(upload.method).toBe('POST');
    expect(upload.url).toBe('/api/admin/products/p%2F1/images');
    expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload.body).toContain('name="alt"\r\n\r\nFront');
    expect(upload.body).toContain('Content-Type: image/png\r\n\r\nPNGBYTES');

    answer = { status: 200, body: '{}' };
    await products.arrangeImages('p1', { images: [{ id: 'i1', alt: 'Back' }] });
    await products.removeImage('p1', 'i1');
    expect(seen.slice(1).map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([
      'PATCH /api/admin/products/p1/images {"images":[{"id":"i1","alt":"Back"}]}',
      'DELETE /api/admin/products/p1/images/i1 ',
    ]);
  });

  it('keeps acting for a new identity after withAccessToken', async () => {
    const client = createGatewayClient({ baseUrl }).withAccessToken('tok-2');
    await client.me();
    expect(seen[0]?.headers.authorization).toBe('Bearer tok-2');
  });

  it('searches with the query string the search contract reads, live', async () => {
    const result = { items: [], total: 0, facets: { category: [], price: [], size: [], colour: [] }, nextCursor: null };
    answer = { status: 200, body: JSON.stringify(result) };
    const inits: FetchInit[] = [];
    const client = createGatewayClient({ baseUrl, catalogCache: { revalidate: 60 }, fetch: (input, init) => (inits.push(init), fetch(input, init as RequestInit)) });
    expect(await client.search({ q: 'organic tee', category: 'apparel', minPrice: 0, maxPrice: 5000, inStock: true, size: ['M', 'L'], colour: [], sort: 'price_asc', limit: 12 })).toEqual(result);
    const url = new URL(seen[0]!.url, baseUrl);
    expect(url.pathname).toBe('/api/search');
    expect(url.search).toBe('?q=organic+tee&category=apparel&minPrice=0&maxPrice=5000&inStock=true&size=M%2CL&sort=price_asc&limit=12');
    // What the client sends is what the service validates against.
    expect(SearchQuery.parse(Object.fromEntries(url.searchParams))).toEqual({
      q: 'organic tee', category: 'apparel', minPrice: 0, maxPrice: 5000, inStock: true, size: ['M', 'L'], sort: 'price_asc', limit: 12,
    });
    expect(inits[0]?.cache).toBe('no-store');
    expect(inits[0]?.next).toBeUndefined();
  });

  it('asks for suggestions of what is typed so far', async () => {
    answer = { status: 200, body: JSON.stringify({ suggestions: [{ text: 'Hoodie', slug: 'hoodie' }] }) };
    const controller = new AbortController();
    expect(await createGatewayClient({ baseUrl }).suggest('hoo d', { signal: controller.signal, limit: 5 })).toEqual({ suggestions: [{ text: 'Hoodie', slug: 'hoodie' }] });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/search/suggest?q=hoo+d&limit=5' });
    expect(searchQueryOf({ inStock: false, size: [] })).toMatchObject({ inStock: 'false', size: undefined });
  });

  it('answers undefined for 204', async () => {
    answer = { status: 204 };
    await expect(createGatewayClient({ baseUrl }).logout('r'.repeat(30))).resolves.toBeUndefined();
    expect(JSON.parse(seen[0]!.body)).toEqual({ refreshToken: 'r'.repeat(30) });
  });

  it('takes an empty 202 as accepted (password reset) and sends the password bodies as given', async () => {
    answer = { status: 202, body: '' };
    const client = createGatewayClient({ baseUrl });
    await expect(client.requestPasswordReset({ email: 'ada@example.com' })).resolves.toBeUndefined();
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/auth/password-reset' });
    expect(JSON.parse(seen[0]!.body)).toEqual({ email: 'ada@example.com' });
    answer = { status: 204 };
    await expect(client.confirmPasswordReset({ token: 't'.repeat(43), password: 'a new secret' })).resolves.toBeUndefined();
    // The link's token travels in the body only.
    expect(seen[1]).toMatchObject({ method: 'POST', url: '/api/auth/password-reset/confirm' });
    expect(JSON.parse(seen[1]!.body)).toEqual({ token: 't'.repeat(43), password: 'a new secret' });
    const session = { accessToken: 'at', refreshToken: 'rt', tokenType: 'Bearer', expiresIn: 900, user: { id: 'u', email: 'ada@example.com', role: 'customer', createdAt: '2026-01-01T00:00:00.000Z' } };
    answer = { status: 200, body: JSON.stringify(session) };
    await expect(client.withAccessToken('old-access').changePassword({ currentPassword: 'old one!', newPassword: 'new one!!' })).resolves.toEqual(session);
    expect(seen[2]).toMatchObject({ method: 'POST', url: '/api/me/password' });
    expect(seen[2]!.headers['authorization']).toBe('Bearer old-access');
  });

  it("sends the customer's name and address-book changes to /api/me, with the address id in the path", async () => {
    const client = createGatewayClient({ baseUrl }).withAccessToken('at');
    answer = { status: 200, body: JSON.stringify({ id: 'u', name: 'Ada' }) };
    await client.updateMe({ name: 'Ada' });
    expect(seen[0]).toMatchObject({ method: 'PATCH', url: '/api/me' });
    expect(JSON.parse(seen[0]!.body)).toEqual({ name: 'Ada' });
    const address = { name: 'Ada', line1: '1 Main Street', city: 'Dublin', postalCode: 'D02 X285', country: 'IE' };
    await client.saveAddress({ address, makeDefault: true });
    expect(seen[1]).toMatchObject({ method: 'POST', url: '/api/me/addresses' });
    expect(JSON.parse(seen[1]!.body)).toEqual({ address, makeDefault: true });
    await client.updateSavedAddress('a/b', { makeDefault: true });
    expect(seen[2]).toMatchObject({ method: 'PATCH', url: '/api/me/addresses/a%2Fb' });
    answer = { status: 204 };
    await expect(client.deleteSavedAddress('a1')).resolves.toBeUndefined();
    expect(seen[3]).toMatchObject({ method: 'DELETE', url: '/api/me/addresses/a1' });
    expect(seen[3]!.headers['authorization']).toBe('Bearer at');
  });

  it("posts a customer's own cancel to the order's cancel route, with the reason given or an empty body", async () => {
    answer = { status: 200, body: JSON.stringify({ id: 'o', status: 'CANCELLED' }) };
    const client = createGatewayClient({ baseUrl }).withAccessToken('at');
    await expect(client.cancelOrder('SO-000123', { reason: 'Ordered the wrong size', expectedVersion: 3 })).resolves.toEqual({ id: 'o', status: 'CANCELLED' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/orders/SO-000123/cancel' });
    expect(JSON.parse(seen[0]!.body)).toEqual({ reason: 'Ordered the wrong size', expectedVersion: 3 });
    expect(seen[0]!.headers['authorization']).toBe('Bearer at');
    await client.cancelOrder('SO-000124');
    expect(JSON.parse(seen[1]!.body)).toEqual({});
  });

  it('reads what an unsubscribe link would stop and unsubscribes with it, the token in the query as the mail has it', async () => {
    const client = createGatewayClient({ baseUrl }).withAccessToken(null);
    const token = 'YWRh.m+c/=';
    answer = { status: 200, body: JSON.stringify({ maskedEmail: 'a***@example.com', unsubscribed: false }) };
    await expect(client.addressUnsubscribeDetails(token)).resolves.toEqual({ maskedEmail: 'a***@example.com', unsubscribed: false });
    expect(seen[0]).toMatchObject({ method: 'GET', url: `/api/notifications/unsubscribe/address?token=${encodeURIComponent(token)}` });
    answer = { status: 200, body: JSON.stringify({ scope: 'marketing' }) };
    await expect(client.unsubscribe(token)).resolves.toEqual({ scope: 'marketing' });
    expect(seen[1]).toMatchObject({ method: 'POST', url: `/api/notifications/unsubscribe?token=${encodeURIComponent(token)}` });
    expect(seen.map((r) => r.headers.authorization)).toEqual([undefined, undefined]);
  });

  it('gives catalog reads the cache hint and per-customer reads no-store', async () => {
    const inits: FetchInit[] = [];
    const client = createGatewayClient({
      baseUrl,
      catalogCache: { revalidate: 60, tags: ['catalog'] },
      fetch: (input, init) => {
        inits.push(init);
        return fetch(input, init as RequestInit);
      },
    });
    answer = { status: 200, body: JSON.stringify({ items: [] }) };
    await client.listCategories();
    await client.getCart('c_x');
    await client.getStock('TEE-1');
    await client.getProduct('tee', { next: { revalidate: 5 } });
    expect(inits.map((i) => [i.cache, i.next])).toEqual([
      [undefined, { revalidate: 60, tags: ['catalog'] }],
      ['no-store', undefined],
      ['no-store', undefined],
      [undefined, { revalidate: 5 }],
    ]);
  });

  it('throws ApiError with the code, message and field errors of the error body', async () => {
    answer = {
      status: 400,
      body: JSON.stringify({
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Invalid request',
          details: [
            { field: 'email', reason: 'must be a valid email address' },
            { field: 'password', reason: 'must be at least 8 characters long' },
            { field: 'email', reason: 'second reason, not shown' },
          ],
        },
      }),
    };
    const err = await createGatewayClient({ baseUrl }).register({ email: 'x', password: 'y' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const apiError = err as ApiError;
    expect([apiError.status, apiError.code, apiError.message]).toEqual([400, 'VALIDATION_FAILED', 'Invalid request']);
    expect(apiError.isUnavailable).toBe(false);
    expect(apiError.fieldErrors()).toEqual({ email: 'must be a valid email address', password: 'must be at least 8 characters long' });
  });

  it('reads a body that is not the platform error shape as a generic error', async () => {
    answer = { status: 502, body: '<html>bad gateway</html>', contentType: 'text/html' };
    const err = (await createGatewayClient({ baseUrl }).getOrder('SO-000001').catch((e: unknown) => e)) as ApiError;
    expect([err.status, err.code, err.isUnavailable]).toEqual([502, 'HTTP_502', true]);
    expect(err.fieldErrors()).toEqual({});
  });

  it('says the gateway is unreachable when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = (await createGatewayClient({ baseUrl: `http://127.0.0.1:${port}` }).listProducts().catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect([err.status, err.code, err.isUnavailable]).toEqual([503, 'GATEWAY_UNREACHABLE', true]);
  });
});

describe('GatewayClient: flash sales, prices, coupons, holds', () => {
  it('asks for the prices of a whole page in one call', async () => {
    answer = { status: 200, body: JSON.stringify({ items: [] }) };
    await createGatewayClient({ baseUrl }).getPrices(['TEE-1', 'TEE-2']);
    expect(seen.map((s) => [s.method, s.url])).toEqual([['GET', '/api/pricing/prices?skus=TEE-1%2CTEE-2']]);
  });

  it('reads sales and quotes, and changes a cart coupon by id or for the signed-in customer', async () => {
    answer = { status: 200, body: JSON.stringify({ serverTime: '2026-01-01T00:00:00.000Z', items: [] }) };
    const client = createGatewayClient({ baseUrl, accessToken: 'tok' });
    expect(await client.listFlashSales()).toEqual({ serverTime: '2026-01-01T00:00:00.000Z', items: [] });
    await client.getFlashSale('a/b');
    await client.quote({ lines: [{ sku: 'TEE-1', quantity: 2 }], couponCode: 'WELCOME10' });
    await client.applyCoupon('c_x', 'WELCOME10');
    await client.removeCoupon('c_x');
    await client.applyCurrentCoupon('SAVE5');
    await client.removeCurrentCoupon();
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['GET', '/api/flash-sales', ''],
      ['GET', '/api/flash-sales/a%2Fb', ''],
      ['POST', '/api/pricing/quote', JSON.stringify({ lines: [{ sku: 'TEE-1', quantity: 2 }], couponCode: 'WELCOME10' })],
      ['POST', '/api/carts/c_x/coupon', JSON.stringify({ code: 'WELCOME10' })],
      ['DELETE', '/api/carts/c_x/coupon', ''],
      ['POST', '/api/carts/current/coupon', JSON.stringify({ code: 'SAVE5' })],
      ['DELETE', '/api/carts/current/coupon', ''],
    ]);
  });

  it('holds stock with the Idempotency-Key and releases a hold', async () => {
    answer = { status: 201, body: JSON.stringify({ reservationId: 'r1_x', items: [{ sku: 'TEE-1', quantity: 1 }], expiresAt: '2026-01-01T00:10:00.000Z' }) };
    const client = createGatewayClient({ baseUrl, accessToken: 'tok' });
    const hold = await client.createReservation({ items: [{ sku: 'TEE-1', quantity: 1 }] }, 'hold-key-1');
    expect(hold.reservationId).toBe('r1_x');
    await client.releaseReservation('r1_x');
    expect(seen.map((s) => [s.method, s.url, s.headers['idempotency-key'] ?? null])).toEqual([
      ['POST', '/api/inventory/reservations', 'hold-key-1'],
      ['DELETE', '/api/inventory/reservations/r1_x', null],
    ]);
  });

  it("reads the customer's own reservation, signed in and never cached", async () => {
    const view = { reservationId: 'r1_x', status: 'released', items: [{ sku: 'TEE-1', quantity: 1 }], expiresAt: '2026-01-01T00:10:00.000Z' };
    answer = { status: 200, body: JSON.stringify(view) };
    const client = createGatewayClient({ baseUrl, accessToken: 'tok' });
    expect(await client.getReservation('r1_x')).toEqual(view);
    expect(seen.map((s) => [s.method, s.url, s.headers.authorization])).toEqual([['GET', '/api/inventory/reservations/r1_x', 'Bearer tok']]);

    answer = { status: 404, body: JSON.stringify({ error: { code: 'NOT_FOUND', message: 'reservation r1_y not found' } }) };
    const err = (await client.getReservation('r1_y').catch((e: unknown) => e)) as ApiError;
    expect([err.status, err.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('keeps the Retry-After of a shed request and says it is shedding', async () => {
    answer = { status: 429, headers: { 'retry-after': '7' }, body: JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many requests' } }) };
    const err = (await createGatewayClient({ baseUrl, accessToken: 't' }).createReservation({ items: [{ sku: 'A-1', quantity: 1 }] }, 'k').catch((e: unknown) => e)) as ApiError;
    expect([err.status, err.code, err.retryAfterSeconds, err.isShedding]).toEqual([429, 'RATE_LIMITED', 7, true]);

    answer = { status: 503, headers: { 'retry-after': '2' }, body: JSON.stringify({ error: { code: 'OVERLOADED', message: 'busy' } }) };
    const overloaded = (await createGatewayClient({ baseUrl }).getFlashSale('x').catch((e: unknown) => e)) as ApiError;
    expect([overloaded.retryAfterSeconds, overloaded.isShedding]).toEqual([2, true]);

    answer = { status: 503, body: JSON.stringify({ error: { code: 'DEPENDENCY_UNAVAILABLE', message: 'down' } }) };
    const down = (await createGatewayClient({ baseUrl }).getFlashSale('x').catch((e: unknown) => e)) as ApiError;
    expect([down.retryAfterSeconds, down.isShedding]).toEqual([null, false]);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-12-05T10:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sat, 05 Dec 2026 10:00:12 GMT', now)).toBe(12);
    expect(parseRetryAfter('Sat, 05 Dec 2026 09:59:00 GMT', now)).toBe(0);
    for (const bad of [null, undefined, '', '-3', '1.5', 'soon']) expect(parseRetryAfter(bad, now)).toBeNull();
  });
});

describe('fieldErrorsOf', () => {
  it('ignores details that are not field issues', () => {
    expect(fieldErrorsOf({ sku: 'A' })).toEqual({});
    expect(fieldErrorsOf(['x', { field: 'a' }, { field: 'b', reason: 'bad' }])).toEqual({ b: 'bad' });
  });
});
