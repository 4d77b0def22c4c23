import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS, call, CheckoutPlatform, type Answer } from './checkout-platform.js';
import { AppProcess, freePort } from './platform-processes.js';

/**
 * Object-level authorization over every gateway route with an id (issue 8, finding 3), with the
 * built services behind the built gateway. The routes come from the API the gateway documents
 * (its OpenAPI document is generated from the route table's operations and checked against it):
 * every non-admin operation whose path names a resource must either be a case below — customer A
 * owns the resource; customer B and an anonymous caller try the route and get 404 (401 where the
 * route table demands sign-in) and A's resource is unchanged — or a public lookup by a public key.
 * A new by-id route fails this test until it gets its case.
 */

/** By-id routes that are public lookups by a public key (no owner): with the reason. */
const PUBLIC_BY_KEY: Record<string, string> = {
  'GET /api/products/{idOrSlug}': 'active products are public',
  'GET /api/variants/{sku}': 'SKUs of active products are public',
  'GET /api/inventory/{sku}': 'the public stock level of a SKU',
  'GET /api/flash-sales/{id}': 'flash sales are announced to everyone',
  // The key names a public sale or SKU, not someone's object: the service deletes only the
  // caller's own row (WHERE customer = the signed identity; apps/notifications subscription.repository).
  'DELETE /api/notifications/flash-sale-reminders/{flashSaleId}': "removes the caller's own reminder for a public sale, never another's",
  'DELETE /api/notifications/back-in-stock/{sku}': "removes the caller's own back-in-stock request for a public SKU, never another's",
};

interface Owned {
  cartId: string;
  sku: string;
  reservationId: string;
  orderId: string;
  checkoutId: string;
  addressId: string;
}

interface Case {
  /** The concrete request for A's resource. */
  request: (o: Owned) => { path: string; json?: unknown; headers?: Record<string, string> };
  /** A's view of the resource (to compare before and after). */
  state: (o: Owned) => Promise<unknown>;
  /** The service needs a signed-in caller even where the gateway lets guests through: anonymous gets 401. */
  signInNeeded?: true;
}

describe('object-level authorization through the gateway: every route with an id', () => {
  const platform = new CheckoutPlatform();
  let gateway: AppProcess;
  const tokens: { a: string; b: string } = { a: '', b: '' };
  const owned = {} as Owned;
  let documented: { key: string; access: string }[] = [];

  const through = (path: string, init: RequestInit & { json?: unknown; token?: string } = {}): Promise<Answer> => {
    const { token, ...rest } = init;
    return call(`${gateway.url}${path}`, { ...rest, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(rest.headers as Record<string, string>) } });
  };
  const asA = (path: string) => through(path, { token: tokens.a });

  const cases: Record<string, Case> = {
    'GET /api/carts/{id}': { request: (o) => ({ path: `/api/carts/${o.cartId}` }), state: (o) => asA(`/api/carts/${o.cartId}`).then(cartLines) },
    'POST /api/carts/{id}/items': {
      request: (o) => ({ path: `/api/carts/${o.cartId}/items`, json: { sku: o.sku, quantity: 1 } }),
      state: (o) => asA(`/api/carts/${o.cartId}`).then(cartLines),
    },
    'PATCH /api/carts/{id}/items/{sku}': {
      request: (o) => ({ path: `/api/carts/${o.cartId}/items/${o.sku}`, json: { quantity: 3 } }),
      state: (o) => asA(`/api/carts/${o.cartId}`).then(cartLines),
    },
    'DELETE /api/carts/{id}/items/{sku}': {
      request: (o) => ({ path: `/api/carts/${o.cartId}/items/${o.sku}` }),
      state: (o) => asA(`/api/carts/${o.cartId}`).then(cartLines),
    },
    // Another's cart is not found before the code is looked at: nobody learns or changes A's coupon.
    'POST /api/carts/{id}/coupon': {
      request: (o) => ({ path: `/api/carts/${o.cartId}/coupon`, json: { code: 'SOMECODE' } }),
      state: (o) => asA(`/api/carts/${o.cartId}`).then(cartLinesAndCoupon),
    },
    'DELETE /api/carts/{id}/coupon': {
      request: (o) => ({ path: `/api/carts/${o.cartId}/coupon` }),
      state: (o) => asA(`/api/carts/${o.cartId}`).then(cartLinesAndCoupon),
    },
    // "current" is the caller's own cart: B (who has none) and anonymous (401 at the edge) never reach A's.
    'PATCH /api/carts/current/items/{sku}': {
      request: (o) => ({ path: `/api/carts/current/items/${o.sku}`, json: { quantity: 3 } }),
      state: (o) => asA(`/api/carts/${o.cartId}`).then(cartLines),
    },
    'DELETE /api/carts/current/items/{sku}': {
      request: (o) => ({ path: `/api/carts/current/items/${o.sku}` }),
      state: (o) => asA(`/api/carts/${o.cartId}`).then(cartLines),
    },
    // Merging a guest cart into one's own needs a signed-in customer (the cart service says 401).
    'POST /api/carts/{id}/merge': {
      request: (o) => ({ path: `/api/carts/${o.cartId}/merge` }),
      state: (o) => asA(`/api/carts/${o.cartId}`).then(cartLines),
      signInNeeded: true,
    },
    'DELETE /api/inventory/reservations/{id}': {
      request: (o) => ({ path: `/api/inventory/reservations/${o.reservationId}` }),
      state: async (o) => (await platform.db.query('SELECT status FROM inventory.reservation WHERE id = $1', [o.reservationId])).rows,
    },
    'GET /api/inventory/reservations/{id}': {
      request: (o) => ({ path: `/api/inventory/reservations/${o.reservationId}` }),
      state: async (o) => (await platform.db.query('SELECT status FROM inventory.reservation WHERE id = $1', [o.reservationId])).rows,
    },
    // A's confirmed order: another customer's cancel must find nothing (and cancel nothing).
    'POST /api/orders/{ref}/cancel': {
      request: (o) => ({ path: `/api/orders/${o.orderId}/cancel`, json: { reason: 'not mine to cancel' } }),
      state: (o) => asA(`/api/orders/${o.orderId}`).then((r) => [r.status, r.body?.status, r.body?.version]),
    },
    'PATCH /api/me/addresses/{id}': {
      request: (o) => ({ path: `/api/me/addresses/${o.addressId}`, json: { address: { ...ADDRESS, line1: '1 Somewhere Else' } } }),
      state: () => asA('/api/me/addresses').then(addressBook),
    },
    'DELETE /api/me/addresses/{id}': {
      request: (o) => ({ path: `/api/me/addresses/${o.addressId}` }),
      state: () => asA('/api/me/addresses').then(addressBook),
    },
    'GET /api/orders/{ref}': { request: (o) => ({ path: `/api/orders/${o.orderId}` }), state: (o) => asA(`/api/orders/${o.orderId}`).then((r) => [r.status, r.body?.status]) },
    'GET /api/checkouts/{id}': {
      request: (o) => ({ path: `/api/checkouts/${o.checkoutId}` }),
      state: (o) => asA(`/api/checkouts/${o.checkoutId}`).then((r) => [r.status, r.body?.state]),
    },
  };

  beforeAll(async () => {
    await platform.start();
    const port = await freePort();
    gateway = new AppProcess('gateway', port, {
      GATEWAY_PORT: String(port),
      // Its metrics listener on a port of its own (the default one may be taken by another run).
      GATEWAY_METRICS_PORT: '0',
      REDIS_PREFIX: platform.prefix,
      INVENTORY_PARTITIONS: '8',
      ...platform.upstreamUrls(),
      RATE_LIMIT_ENABLED: 'false',
    });
    await gateway.start();
    for (const who of ['a', 'b'] as const) {
      const reg = await through('/api/auth/register', { method: 'POST', json: { email: `owner-${who}-${randomUUID()}@example.com`, password: 'correct horse battery' } });
      expect(reg.status).toBe(201);
      tokens[who] = reg.body.accessToken;
    }
    const doc = await through('/api/docs/openapi.json');
    documented = Object.entries(doc.body.paths as Record<string, Record<string, { 'x-access': string }>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, access: op['x-access'] })),
    );

    // Customer A's resources, made through the gateway as a shopper makes them.
    const [sku, other] = await platform.product([1500, 900], 20);
    owned.sku = sku!;
    const cart = await through('/api/carts', { method: 'POST', token: tokens.a });
    owned.cartId = cart.body.id;
    expect((await through(`/api/carts/${owned.cartId}/items`, { method: 'POST', token: tokens.a, json: { sku, quantity: 2 } })).status).toBe(200);
    const held = await through('/api/inventory/reservations', { method: 'POST', token: tokens.a, json: { items: [{ sku: other, quantity: 1 }] }, headers: { 'idempotency-key': randomUUID() } });
    expect(held.status).toBe(201);
    owned.reservationId = held.body.reservationId;
    const checkout = await through('/api/checkout', {
      method: 'POST',
      token: tokens.a,
      headers: { 'idempotency-key': randomUUID() },
      json: { cartId: owned.cartId, shippingAddress: ADDRESS, payment: { method: 'card', token: 'tok_approve' } },
    });
    expect(checkout.status).toBe(202);
    owned.checkoutId = checkout.body.checkoutId;
    owned.orderId = checkout.body.orderId;
    // The confirmed checkout empties A's cart (its last step): wait for it, so it cannot empty the line added next mid-test.
    for (let i = 0; i < 300 && (await platform.checkoutRow(owned.checkoutId))?.state !== 'completed'; i++) await new Promise((r) => setTimeout(r, 100));
    const saved = await through('/api/me/addresses', { method: 'POST', token: tokens.a, json: { address: ADDRESS } });
    expect(saved.status).toBe(201);
    owned.addressId = saved.body.id;
    // A's cart after checkout: add a line again so the cart routes have something to protect.
    const again = await through('/api/carts', { method: 'POST', token: tokens.a });
    owned.cartId = again.body.id;
    await through(`/api/carts/${owned.cartId}/items`, { method: 'POST', token: tokens.a, json: { sku, quantity: 1 } });
  }, 180_000);

  afterAll(async () => {
    await gateway?.kill('SIGTERM');
    await platform.stop();
  });

  it('has an ownership case (or a public-key reason) for every documented non-admin route with an id', () => {
    const byId = documented.filter((d) => /\{[^}]+\}/.test(d.key) && !d.key.split(' ')[1]!.startsWith('/api/admin'));
    expect(byId.length).toBeGreaterThanOrEqual(Object.keys(cases).length);
    const uncovered = byId.filter((d) => !(d.key in cases) && !(d.key in PUBLIC_BY_KEY)).map((d) => d.key);
    expect(uncovered, 'by-id routes without an ownership case').toEqual([]);
    // Every case names a route the gateway still documents: no stale case hides a renamed one.
    const keys = new Set(byId.map((d) => d.key));
    expect(Object.keys(cases).filter((k) => !keys.has(k))).toEqual([]);
    expect(Object.keys(PUBLIC_BY_KEY).filter((k) => !keys.has(k))).toEqual([]);
  });

  it("answers customer B 404 and an anonymous caller 404 (401 where sign-in is needed) on A's resources, and nothing changes", async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const [key, c] of Object.entries(cases)) {
      const [method, template] = key.split(' ') as [string, string];
      const access = documented.find((d) => d.key === key)?.access;
      const { path, json, headers } = c.request(owned);
      const before = await c.state(owned);
      const asB = await through(path, { method, token: tokens.b, json, headers });
      const anonymous = await through(path, { method, json, headers });
      const after = await c.state(owned);
      outcomes.push(`${key}: B ${asB.status}, anonymous ${anonymous.status}, ${JSON.stringify(after) === JSON.stringify(before) ? 'unchanged' : `changed ${JSON.stringify(before)} -> ${JSON.stringify(after)}`}`);
      expected.push(`${key}: B 404, anonymous ${access === 'public' && !c.signInNeeded ? 404 : 401}, unchanged`);
      expect(template).toMatch(/\{/);
    }
    expect(outcomes).toEqual(expected);
  });
});

function cartLines(res: Answer): unknown {
  return [res.status, (res.body?.lines ?? []).map((l: { sku: string; quantity: number }) => `${l.sku}x${l.quantity}`)];
}

function addressBook(res: Answer): unknown {
  return [res.status, (res.body?.items ?? []).map((a: { id: string; address: { line1: string }; isDefault: boolean }) => `${a.id}:${a.address.line1}:${a.isDefault}`)];
}

function cartLinesAndCoupon(res: Answer): unknown {
  return [cartLines(res), res.body?.coupon?.code ?? null];
}
