import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthSession } from '@shop/contracts';
import { call, register, StandIn, startTestGateway, type TestGateway } from './gateway-harness.js';

/**
 * The current-cart routes (and the Buy now cart, made for the caller) address a cart by the caller's identity alone, so their safety is the
 * edge's: no token, no forwarding (401); with a token, the cart service hears only the token's
 * customer, whatever the client claims. (That the cart service then finds that customer's cart
 * and never another's is tested in apps/cart and, through the built gateway, in e2e.)
 */
let carts: StandIn;
let gateway: TestGateway;
let alice: AuthSession;
let bob: AuthSession;

const CHANGES = [
  { method: 'POST', path: '/api/carts/current/items', json: { sku: 'TEE-M', quantity: 1 } },
  { method: 'PATCH', path: '/api/carts/current/items/TEE-M', json: { quantity: 2 } },
  { method: 'DELETE', path: '/api/carts/current/items/TEE-M', json: undefined },
  { method: 'POST', path: '/api/carts/current/coupon', json: { code: 'WELCOME10' } },
  { method: 'DELETE', path: '/api/carts/current/coupon', json: undefined },
  // A Buy now cart is bound to the caller the same way: made for the token's customer only.
  { method: 'POST', path: '/api/carts/buy-now', json: { sku: 'TEE-M' } },
] as const;

beforeAll(async () => {
  carts = await new StandIn().start();
  carts.behaviour = () => ({ status: 200, body: '{}' });
  gateway = await startTestGateway({ catalogUrl: carts.url, extraUpstreams: { cart: carts.url } });
  alice = (await register(gateway.url)).session;
  bob = (await register(gateway.url)).session;
});
afterAll(async () => {
  await gateway?.close();
  await carts?.close();
});

describe('current-cart routes at the edge', () => {
  it('answer 401 to an anonymous caller without reaching the cart service', async () => {
    carts.seen.length = 0;
    for (const { method, path, json } of CHANGES) {
      const res = await call(gateway.url, path, { method, json, headers: { 'x-user-id': alice.user.id, cookie: 'cart_id=c_x' } });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    expect(carts.seen).toHaveLength(0);
  });

  it("forward only the token's customer, so a customer can reach no one else's cart", async () => {
    for (const { method, path, json } of CHANGES) {
      carts.seen.length = 0;
      const asBob = await call(gateway.url, path, { method, json, token: bob.accessToken, headers: { 'x-user-id': alice.user.id, cookie: 'cart_id=c_x' } });
      expect(asBob.status, `${method} ${path}`).toBe(200);
      expect(carts.seen).toHaveLength(1);
      expect(carts.seen[0]!.method).toBe(method);
      expect(carts.seen[0]!.path).toBe(path);
      expect(carts.seen[0]!.headers['x-user-id']).toBe(bob.user.id);
      expect(carts.seen[0]!.headers['cookie']).toBeUndefined();
    }
    carts.seen.length = 0;
    await call(gateway.url, '/api/carts/current/items', { json: { sku: 'TEE-M' }, token: alice.accessToken });
    expect(carts.seen[0]!.headers['x-user-id']).toBe(alice.user.id);
  });

  it('leave guest carts addressed by id open to guests', async () => {
    carts.seen.length = 0;
    expect((await call(gateway.url, '/api/carts/c_AbCdEfGhIjKlMnOpQrSt-_/items', { json: { sku: 'TEE-M' } })).status).toBe(200);
    expect((await call(gateway.url, '/api/carts/c_AbCdEfGhIjKlMnOpQrSt-_/coupon', { json: { code: 'WELCOME10' } })).status).toBe(200);
    expect(carts.seen).toHaveLength(2);
  });
});
