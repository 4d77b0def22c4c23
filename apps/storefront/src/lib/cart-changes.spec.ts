import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FailureCode } from '@shop/contracts/failure';
import { createGatewayClient, type GatewayClient } from '@shop/api-client';
import { addToShopperCart, changeShopperCart } from './cart-changes';

/** A real HTTP server standing in for the gateway: records each call, answers a cart or a queued error. */
let server: Server;
let api: GatewayClient;
const calls: string[] = [];
const expired = new Set<string>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const call = `${req.method} ${req.url}`;
    calls.push(call);
    const cartId = /^\/api\/carts\/(c_[^/]+)/.exec(req.url ?? '')?.[1];
    res.setHeader('content-type', 'application/json');
    if (cartId && expired.has(cartId)) {
      res.writeHead(404).end(JSON.stringify({ error: { code: FailureCode.NOT_FOUND, message: 'cart not found' } }));
      return;
    }
    const id = req.method === 'POST' && req.url === '/api/carts' ? 'c_new' : (cartId ?? 'c_customer');
    res.writeHead(req.method === 'POST' && req.url === '/api/carts' ? 201 : 200).end(JSON.stringify({ id, lines: [] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  api = createGatewayClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});
beforeEach(() => {
  calls.length = 0;
  expired.clear();
});

const item = { sku: 'TEE-M', quantity: 1 };

describe('adding to the shopper cart', () => {
  it("is one call for a signed-in customer: their own cart, addressed server-side (never the cookie's)", async () => {
    expect((await addToShopperCart(api, true, 'c_guest', item)).id).toBe('c_customer');
    expect(calls).toEqual(['POST /api/carts/current/items']);
  });

  it("is one call for a guest with a cart: the cookie's", async () => {
    expect((await addToShopperCart(api, false, 'c_guest', item)).id).toBe('c_guest');
    expect(calls).toEqual(['POST /api/carts/c_guest/items']);
  });

  it('creates a guest cart when there is none or the cookie names an expired one', async () => {
    expect((await addToShopperCart(api, false, undefined, item)).id).toBe('c_new');
    expect(calls).toEqual(['POST /api/carts', 'POST /api/carts/c_new/items']);
    calls.length = 0;
    expired.add('c_old');
    expect((await addToShopperCart(api, false, 'c_old', item)).id).toBe('c_new');
    expect(calls).toEqual(['POST /api/carts/c_old/items', 'POST /api/carts', 'POST /api/carts/c_new/items']);
  });
});

describe('changing the shopper cart', () => {
  it('is one call, with no read of the cart first', async () => {
    await changeShopperCart(api, true, 'c_guest', { sku: 'TEE-M', quantity: 3 });
    await changeShopperCart(api, true, undefined, { sku: 'TEE-M', remove: true });
    await changeShopperCart(api, false, 'c_guest', { sku: 'TEE-M', quantity: 2 });
    await changeShopperCart(api, false, 'c_guest', { sku: 'TEE-M', remove: true });
    expect(calls).toEqual([
      'PATCH /api/carts/current/items/TEE-M',
      'DELETE /api/carts/current/items/TEE-M',
      'PATCH /api/carts/c_guest/items/TEE-M',
      'DELETE /api/carts/c_guest/items/TEE-M',
    ]);
  });

  it('has nothing to change for a guest without a cart', () => {
    expect(changeShopperCart(api, false, undefined, { sku: 'TEE-M', quantity: 2 })).toBeNull();
    expect(calls).toEqual([]);
  });
});
