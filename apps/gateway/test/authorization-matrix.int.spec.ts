import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceCredentialHeaders } from '@shop/service-kit';
import { ADMIN_PREFIX, routeTable } from '../src/routing/route-table.js';
import { call, login, rawGet, register, samplePath, StandIn, startTestGateway, type TestGateway } from './gateway-harness.js';

/**
 * Generated from what the gateway actually registered (every route carries the policy the
 * route table gave it): each admin route, each of its methods, with no token, a customer's
 * and an admin's. A route added under /api/admin is in this matrix without anyone adding it;
 * a route the table does not cover stops the gateway from starting.
 */
let upstream: StandIn;
let gateway: TestGateway;
let customerToken: string;
let adminToken: string;

beforeAll(async () => {
  upstream = await new StandIn().start();
  // Orders, pricing and notifications on the stand-in too, so their admin routes reach an upstream that records them.
  gateway = await startTestGateway({ catalogUrl: upstream.url, env: { NOTIFICATIONS_URL: upstream.url }, extraUpstreams: { orders: upstream.url, pricing: upstream.url } });
  customerToken = (await register(gateway.url)).session.accessToken;
  adminToken = (await login(gateway.url, gateway.admin.email, gateway.admin.password)).accessToken;
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

describe('authorization matrix of the admin routes', () => {
  it('covers every admin entry of the route table and only admin policies under /api/admin', () => {
    const adminRoutes = gateway.routes.filter((r) => r.url.startsWith(ADMIN_PREFIX));
    for (const route of adminRoutes) expect(route.policy.access, route.url).toBe('admin');
    for (const entry of routeTable.filter((e) => e.prefix.startsWith(ADMIN_PREFIX))) {
      expect(adminRoutes.some((r) => r.url.startsWith(entry.prefix)), entry.prefix).toBe(true);
    }
    // GET /api/admin/inventory/:sku (the full stock figures) is in the matrix through /api/admin/inventory/*.
    expect(adminRoutes.map((r) => r.url)).toEqual(
      expect.arrayContaining([
        '/api/admin/products/*',
        '/api/admin/categories',
        '/api/admin/users',
        '/api/admin/users/:id',
        '/api/admin/users/:id/disable',
        '/api/admin/users/:id/enable',
        '/api/admin/operations/dead-letters',
        '/api/admin/operations/dead-letters/:stream/:id/retry',
        '/api/admin/operations/dead-letters/:stream/:id',
        '/api/admin/operations/dead-letter-streams',
        '/api/admin/inventory',
        '/api/admin/inventory/*',
      ]),
    );
    expect(adminRoutes.find((r) => r.url === '/api/admin/inventory/*')?.methods).toContain('GET');
    // GET /api/admin/inventory (the console's stock list) too.
    expect(adminRoutes.find((r) => r.url === '/api/admin/inventory')?.methods).toContain('GET');
  });

  const cases = () =>
    gateway.routes
      .filter((r) => r.policy.access === 'admin')
      .flatMap((r) => r.methods.filter((m) => m !== 'HEAD' && m !== 'OPTIONS').map((method) => ({ method, path: samplePath(r.url) })));

  it('answers 401 without a token, 403 with a customer token, and lets an admin through', async () => {
    const matrix = cases();
    expect(matrix.length).toBeGreaterThan(10);
    const outcomes: string[] = [];
    for (const { method, path } of matrix) {
      const json = WRITE_METHODS.has(method) ? {} : undefined;
      const none = await call(gateway.url, path, { method: method as 'GET', json });
      const customer = await call(gateway.url, path, { method: method as 'GET', json, token: customerToken });
      const admin = await call(gateway.url, path, { method: method as 'GET', json, token: adminToken });
      outcomes.push(`${method} ${path}: ${none.status} ${customer.status} ${[401, 403].includes(admin.status) ? admin.status : 'through'}`);
    }
    expect(outcomes).toEqual(outcomes.map((o) => o.replace(/: .*$/, ': 401 403 through')));
  });

  it('covers the product image routes: upload (multipart), reorder, remove — admins only, nothing reaches the catalog otherwise', async () => {
    const images = '/api/admin/products/00000000-0000-4000-8000-000000000000/images';
    const upload = (token?: string) => {
      const form = new FormData();
      form.append('file', new Blob(['\x89PNG\r\n\x1a\nnot really'], { type: 'image/png' }), 'x.png');
      return fetch(gateway.url + images, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
    };
    upstream.seen.length = 0;
    expect((await upload()).status).toBe(401);
    expect((await upload(customerToken)).status).toBe(403);
    for (const [method, path, json] of [
      ['PATCH', images, { images: [] }],
      ['DELETE', `${images}/00000000-0000-4000-8000-000000000001`, undefined],
    ] as const) {
      expect((await call(gateway.url, path, { method, json })).status, `${method} ${path}`).toBe(401);
      expect((await call(gateway.url, path, { method, json, token: customerToken })).status, `${method} ${path}`).toBe(403);
    }
    expect(upstream.seen).toHaveLength(0);
    expect((await upload(adminToken)).status).toBe(200);
    expect(upstream.seen.map((r) => `${r.method} ${r.path} ${r.headers['x-user-role']}`)).toEqual([`POST ${images} admin`]);
  });

  it('forwards the admin identity, and nothing a client claims, to the upstream', async () => {
    upstream.seen.length = 0;
    const res = await call(gateway.url, '/api/admin/products', { token: adminToken, headers: { 'x-user-role': 'customer', 'x-user-id': 'forged' } });
    expect(res.status).toBe(200);
    expect(upstream.seen[0]?.headers['x-user-role']).toBe('admin');
    expect(upstream.seen[0]?.headers['x-user-id']).not.toBe('forged');
  });

  it("refunds of an order's lines: admins only, with the Idempotency-Key passed on", async () => {
    const path = '/api/admin/orders/SO-000123/refunds';
    const json = { lines: [{ sku: 'TEE-M', quantity: 1 }], reason: 'Arrived damaged' };
    upstream.seen.length = 0;
    expect((await call(gateway.url, path, { method: 'POST', json })).status).toBe(401);
    expect((await call(gateway.url, path, { method: 'POST', json, token: customerToken })).status).toBe(403);
    expect(upstream.seen).toHaveLength(0);
    const admin = await call(gateway.url, path, { method: 'POST', json, token: adminToken, headers: { 'idempotency-key': 'refund-SO-000123-1' } });
    expect([401, 403]).not.toContain(admin.status);
    expect(upstream.seen.at(-1)?.headers['idempotency-key']).toBe('refund-SO-000123-1');
    expect(upstream.seen.at(-1)?.headers['x-user-role']).toBe('admin');
  });

  it("a flash sale's emergency stop: admins only, passed on with the admin's identity (who stopped it)", async () => {
    const path = '/api/admin/flash-sales/00000000-0000-4000-8000-000000000000/stop';
    upstream.seen.length = 0;
    expect((await call(gateway.url, path, { method: 'POST' })).status).toBe(401);
    expect((await call(gateway.url, path, { method: 'POST', token: customerToken })).status).toBe(403);
    expect(upstream.seen).toHaveLength(0);
    const admin = await call(gateway.url, path, { method: 'POST', token: adminToken });
    expect([401, 403]).not.toContain(admin.status);
    expect(upstream.seen.at(-1)).toMatchObject({ method: 'POST', path });
    expect(upstream.seen.at(-1)?.headers['x-user-role']).toBe('admin');
    expect(upstream.seen.at(-1)?.headers['x-user-id']).toEqual(expect.any(String));
  });

  it('refuses unknown paths under /api/admin before saying they do not exist', async () => {
    expect((await call(gateway.url, '/api/admin/nothing-here')).status).toBe(401);
    expect((await call(gateway.url, '/api/admin/nothing-here', { token: customerToken })).status).toBe(403);
    expect((await call(gateway.url, '/api/admin/nothing-here', { token: adminToken })).status).toBe(404);
  });

  it('refuses to start when a registered route has no entry in the route table', async () => {
    const withoutUsers = routeTable.filter((e) => e.prefix !== '/api/admin/users');
    await expect(startTestGateway({ catalogUrl: upstream.url, routes: withoutUsers })).rejects.toThrow(
      /\/api\/admin\/users\S* has no entry in the gateway route table/,
    );
  });

  it('refuses paths that could mean an admin route upstream', async () => {
    upstream.seen.length = 0;
    for (const path of ['/api/products/../admin/products', '/api/products/%2e%2e/admin/products', '/api/products/x%2fadmin', '/api/products/.%2E/admin']) {
      expect(await rawGet(gateway.url, path), path).toBe(400);
    }
    expect(upstream.seen).toHaveLength(0);
  });
});

describe('authorization of the notifications routes', () => {
  it('admits only signed-in shoppers to their reminders and back-in-stock requests, and forwards who they are', async () => {
    const me = await call(gateway.url, '/api/me', { token: customerToken });
    const cases: Array<{ method: 'GET' | 'POST' | 'DELETE'; path: string; json?: unknown }> = [
      { method: 'GET', path: '/api/notifications/subscriptions' },
      { method: 'POST', path: '/api/notifications/flash-sale-reminders', json: { flashSaleId: '00000000-0000-4000-8000-000000000000' } },
      { method: 'DELETE', path: '/api/notifications/flash-sale-reminders/00000000-0000-4000-8000-000000000000' },
      { method: 'POST', path: '/api/notifications/back-in-stock', json: { sku: 'TEE-M' } },
      { method: 'DELETE', path: '/api/notifications/back-in-stock/TEE-M' },
    ];
    for (const c of cases) {
      upstream.seen.length = 0;
      expect((await call(gateway.url, c.path, { method: c.method, json: c.json })).status, `${c.method} ${c.path} anonymous`).toBe(401);
      expect(upstream.seen).toHaveLength(0);
      expect((await call(gateway.url, c.path, { method: c.method, json: c.json, token: customerToken })).status, `${c.method} ${c.path} customer`).toBe(200);
      expect(upstream.seen[0]?.headers['x-user-id']).toBe(me.body.id);
    }
  });

  it('lets anyone follow an unsubscribe link, read what it is about (an alert or an address) and unsubscribe with one click (the signed token is checked by the service)', async () => {
    upstream.seen.length = 0;
    const path = '/api/notifications/unsubscribe?token=abcdefghijkl';
    expect((await call(gateway.url, path)).status).toBe(200);
    expect((await call(gateway.url, '/api/notifications/unsubscribe/back-in-stock?token=abcdefghijkl')).status).toBe(200);
    expect((await call(gateway.url, '/api/notifications/unsubscribe/address?token=abcdefghijkl')).status).toBe(200);
    // RFC 8058: a mail client POSTs a form with no cookie and no credential; the storefront posts JSON-less too.
    const oneClick = await call(gateway.url, path, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(oneClick.status).toBe(200);
    expect((await call(gateway.url, path, { method: 'POST' })).status).toBe(200);
    expect(upstream.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${path}`,
      'GET /api/notifications/unsubscribe/back-in-stock?token=abcdefghijkl',
      'GET /api/notifications/unsubscribe/address?token=abcdefghijkl',
      `POST ${path}`,
      `POST ${path}`,
    ]);
    expect(upstream.seen[3]!.headers['x-user-id']).toBeUndefined();
    // Anonymous callers reach nothing else there: the shopper's own requests stay behind sign-in.
    upstream.seen.length = 0;
    expect((await call(gateway.url, '/api/notifications/unsubscribe', { method: 'DELETE' })).status).toBe(401);
    expect((await call(gateway.url, '/api/notifications/back-in-stock', { json: { sku: 'TEE-M' } })).status).toBe(401);
    expect(upstream.seen).toHaveLength(0);
  });

  it('opens the account lookup to the notifications service’s credential only', async () => {
    const shopper = await register(gateway.url);
    const path = '/internal/identity/accounts/lookup';
    const json = { ids: [shopper.session.user.id], emails: [] };
    expect((await call(gateway.url, path, { json })).status).toBe(401);
    expect((await call(gateway.url, path, { json, token: adminToken })).status).toBe(401);
    expect((await call(gateway.url, path, { json, headers: serviceCredentialHeaders('payments') })).status).toBe(403);
    const ok = await call(gateway.url, path, { json, headers: serviceCredentialHeaders('notifications') });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ accounts: [{ id: shopper.session.user.id, email: shopper.email, disabled: false }] });

    expect((await call(gateway.url, `/api/admin/users/${shopper.session.user.id}/disable`, { method: 'POST', token: adminToken })).status).toBe(200);
    const byEmail = await call(gateway.url, path, { json: { emails: [shopper.email.toUpperCase()] }, headers: serviceCredentialHeaders('notifications') });
    expect(byEmail.body).toEqual({ accounts: [{ id: shopper.session.user.id, email: shopper.email, disabled: true }] });
    const invalid = await call(gateway.url, path, { json: { ids: ['nope'] }, headers: serviceCredentialHeaders('notifications') });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('ids.0');
  });
});

/**
 * The shopper routes that let guests in (issue 16): checkout without an account and the order
 * lookup by number + email. Both are public at the edge; the services decide (payments: a guest
 * needs an email; orders: number and email must match). An order by id still needs sign-in.
 */
describe('authorization of the guest routes', () => {
  let shop: StandIn;
  let guestGateway: TestGateway;
  let customer: { token: string; email: string };

  beforeAll(async () => {
    shop = await new StandIn().start();
    guestGateway = await startTestGateway({ catalogUrl: upstream.url, extraUpstreams: { payments: shop.url, orders: shop.url } });
    const registered = await register(guestGateway.url);
    customer = { token: registered.session.accessToken, email: registered.email };
  });
  afterAll(async () => {
    await guestGateway?.close();
    await shop?.close();
  });

  it('registers both with a public policy, and the by-id order route still needs sign-in', () => {
    const policy = (url: string) => guestGateway.routes.find((r) => r.url === url)?.policy.access;
    expect(policy('/api/orders/lookup')).toBe('public');
    expect(policy('/api/checkout')).toBe('public');
    expect(routeTable.find((e) => e.prefix === '/api/orders/lookup')?.rateLimit).toBe('order-lookup');
  });

  it('forwards a guest checkout and a lookup without any identity, and strips one a client claims', async () => {
    shop.seen.length = 0;
    const forged = { 'x-user-id': '00000000-0000-4000-8000-000000000001', 'x-user-role': 'customer', 'x-user-email': 'victim@example.com' };
    const checkout = await call(guestGateway.url, '/api/checkout', { method: 'POST', json: { cartId: 'c_x' }, headers: forged });
    const lookup = await call(guestGateway.url, '/api/orders/lookup?number=SO-000001&email=a%40example.com', { headers: forged });
    expect([checkout.status, lookup.status]).toEqual([200, 200]);
    expect(shop.seen.map((r) => [r.method, r.path])).toEqual([
      ['POST', '/api/checkout'],
      ['GET', '/api/orders/lookup?number=SO-000001&email=a%40example.com'],
    ]);
    for (const seen of shop.seen) {
      for (const header of ['x-user-id', 'x-user-role', 'x-user-email', 'x-identity-signature']) expect(seen.headers[header], header).toBeUndefined();
    }
  });

  it("forwards a signed-in checkout with the account's email, signed with the identity", async () => {
    shop.seen.length = 0;
    const res = await call(guestGateway.url, '/api/checkout', { method: 'POST', json: { cartId: 'c_x' }, token: customer.token, headers: { 'x-user-email': 'someone-else@example.com' } });
    expect(res.status).toBe(200);
    expect(shop.seen[0]?.headers['x-user-email']).toBe(customer.email);
    expect(shop.seen[0]?.headers['x-identity-signature']).toEqual(expect.any(String));
  });

  it("a customer's own cancel: 401 without a token (nothing forwarded), forwarded with the customer's signed identity; an anonymous post to the lookup is not forwarded either", async () => {
    const path = '/api/orders/SO-000123/cancel';
    const json = { reason: 'Ordered the wrong size' };
    shop.seen.length = 0;
    expect((await call(guestGateway.url, path, { method: 'POST', json })).status).toBe(401);
    expect((await call(guestGateway.url, path, { method: 'POST', json, headers: { 'x-user-id': '00000000-0000-4000-8000-000000000001', 'x-user-role': 'customer' } })).status).toBe(401);
    // The public lookup takes GET only: a POST there is an order write, for signed-in callers.
    expect((await call(guestGateway.url, '/api/orders/lookup', { method: 'POST', json: { number: 'SO-000123', email: 'a@example.com' } })).status).toBe(401);
    expect(shop.seen).toHaveLength(0);
    const res = await call(guestGateway.url, path, { method: 'POST', json, token: customer.token });
    expect(res.status).toBe(200);
    expect(shop.seen.map((r) => [r.method, r.path])).toEqual([['POST', path]]);
    expect(shop.seen[0]?.headers['x-user-role']).toBe('customer');
    expect(shop.seen[0]?.headers['x-user-id']).toEqual(expect.any(String));
    expect(shop.seen[0]?.headers['x-identity-signature']).toEqual(expect.any(String));
  });

  it('still answers 401 to an order by id without a token, and forwards nothing', async () => {
    shop.seen.length = 0;
    expect((await call(guestGateway.url, '/api/orders/6f9619ff-8b86-4d01-b42d-00cf4fc964ff')).status).toBe(401);
    expect((await call(guestGateway.url, '/api/orders')).status).toBe(401);
    expect(shop.seen).toHaveLength(0);
  });
});

/**
 * A shopper's own reservation: read (a sale page checks its hold still stands), hold and release
 * need sign-in at the edge; inventory decides whose it is (anyone else's answers 404 there).
 */
describe("authorization of a shopper's reservation", () => {
  let inventory: StandIn;
  let inventoryGateway: TestGateway;

  beforeAll(async () => {
    inventory = await new StandIn().start();
    inventoryGateway = await startTestGateway({ catalogUrl: upstream.url, env: { INVENTORY_URL: inventory.url } });
  });
  afterAll(async () => {
    await inventoryGateway?.close();
    await inventory?.close();
  });

  it('answers 401 without a token (nothing forwarded, a claimed identity ignored), and forwards a read with the signed-in customer\'s signed identity', async () => {
    const path = '/api/inventory/reservations/r3_00000000-0000-4000-8000-000000000000';
    const forged = { 'x-user-id': '00000000-0000-4000-8000-000000000001', 'x-user-role': 'customer' };
    inventory.seen.length = 0;
    expect((await call(inventoryGateway.url, path)).status).toBe(401);
    expect((await call(inventoryGateway.url, path, { headers: forged })).status).toBe(401);
    expect((await call(inventoryGateway.url, path, { method: 'DELETE' })).status).toBe(401);
    expect(inventory.seen).toHaveLength(0);

    const shopper = await register(inventoryGateway.url);
    const res = await call(inventoryGateway.url, path, { token: shopper.session.accessToken, headers: forged });
    expect(res.status).toBe(200);
    expect(inventory.seen.map((r) => [r.method, r.path])).toEqual([['GET', path]]);
    expect(inventory.seen[0]?.headers['x-user-id']).toBe(shopper.session.user.id);
    expect(inventory.seen[0]?.headers['x-user-role']).toBe('customer');
    expect(inventory.seen[0]?.headers['x-identity-signature']).toEqual(expect.any(String));
  });
});
