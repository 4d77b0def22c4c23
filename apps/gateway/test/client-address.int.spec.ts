import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORWARDED_CLIENT_HEADER, signForwardedClient } from '../src/edge/forwarded-client.js';
import { call, register, StandIn, startTestGateway, unique, type TestGateway } from './gateway-harness.js';

/**
 * Finding 4 of the security review: every storefront request reached the gateway from the
 * storefront's address, so five wrong passwords typed into the shop locked an account for
 * everyone. The storefront now vouches for the shopper's address with a signed header that
 * only GATEWAY_TRUSTED_PROXIES may send; a client's own X-Forwarded-For is never believed.
 */
const secret = 'test-forwarded-client-secret-0123456789abcdef';
const vouch = (address: string) => ({ [FORWARDED_CLIENT_HEADER]: signForwardedClient(secret, address, Date.now() / 1000) });

let catalog: StandIn;
let carts: StandIn;
const gateways: TestGateway[] = [];

async function gatewayWith(env: Record<string, string>): Promise<TestGateway> {
  const gateway = await startTestGateway({ catalogUrl: catalog.url, extraUpstreams: { cart: carts.url }, env });
  gateways.push(gateway);
  return gateway;
}

beforeAll(async () => {
  catalog = await new StandIn().start();
  carts = await new StandIn().start();
  carts.behaviour = (req) => (req.method === 'POST' && req.path === '/api/carts' ? { status: 201, body: '{"id":"c"}' } : { status: 200, body: '{}' });
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await catalog?.close();
  await carts?.close();
});

async function failLogins(gateway: TestGateway, email: string, times: number, options: { from?: string; headers?: Record<string, string> }): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) {
    statuses.push((await call(gateway.url, '/api/auth/login', { json: { email, password: `wrong-guess-${i}` }, ...options })).status);
  }
  return statuses;
}

describe('the client address the gateway counts', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await gatewayWith({ LOGIN_FAILURE_LIMIT: '5/900', GATEWAY_TRUSTED_PROXIES: '127.0.0.1', FORWARDED_CLIENT_SECRET: secret });
  });

  it('ignores a client-sent X-Forwarded-For: a guesser cannot buy fresh budgets by inventing addresses', async () => {
    const victim = await register(gateway.url);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const headers = { 'x-forwarded-for': `203.0.113.${i}`, 'x-real-ip': `203.0.113.${i}` };
      statuses.push((await call(gateway.url, '/api/auth/login', { json: { email: victim.email, password: `guess-${i}` }, headers, from: '127.0.0.31' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // Nothing changed for the owner elsewhere.
    expect((await call(gateway.url, '/api/auth/login', { json: { email: victim.email, password: victim.password }, from: '127.0.0.32' })).status).toBe(200);
  });

  it('gives two shoppers vouched for by the storefront separate budgets: one guesser does not lock the owner out', async () => {
    const victim = await register(gateway.url);
    // Both arrive from 127.0.0.1 (the storefront), as every shop request does.
    expect(await failLogins(gateway, victim.email, 6, { headers: vouch('198.51.100.1') })).toEqual([401, 401, 401, 401, 401, 429]);
    const owner = await call(gateway.url, '/api/auth/login', { json: { email: victim.email, password: victim.password }, headers: vouch('198.51.100.2') });
    expect(owner.status).toBe(200);
    // The guesser stays refused, even with the right password.
    expect((await call(gateway.url, '/api/auth/login', { json: { email: victim.email, password: victim.password }, headers: vouch('198.51.100.1') })).status).toBe(429);
  });

  it('holds the per-address budget when the guesses arrive all at once', async () => {
    const victim = await register(gateway.url);
    const guesses = Array.from({ length: 20 }, (_, i) =>
      call(gateway.url, '/api/auth/login', { json: { email: victim.email, password: `burst-${i}` }, headers: vouch('198.51.100.30') }),
    );
    const statuses = (await Promise.all(guesses)).map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('believes a vouching header only from a trusted proxy with the right credential', async () => {
    const victim = await register(gateway.url);
    const forged = { [FORWARDED_CLIENT_HEADER]: signForwardedClient('not-the-storefront-secret-0123456789abcdef', '198.51.100.9', Date.now() / 1000) };
    // Untrusted peer with a valid signature, and trusted peer with a forged one: both count as the peer.
    expect(await failLogins(gateway, victim.email, 3, { headers: vouch('198.51.100.3'), from: '127.0.0.33' })).toEqual([401, 401, 401]);
    expect(await failLogins(gateway, victim.email, 3, { headers: vouch('198.51.100.4'), from: '127.0.0.33' })).toEqual([401, 401, 429]);
    expect(await failLogins(gateway, victim.email, 5, { headers: forged })).toEqual([401, 401, 401, 401, 401]);
    expect(await failLogins(gateway, victim.email, 1, { headers: { ...forged, 'x-forwarded-for': '198.51.100.10' } })).toEqual([429]);
  });

  it('forwards the vouched-for address to upstreams, never the proof', async () => {
    await call(gateway.url, '/api/products', { headers: { ...vouch('198.51.100.5'), 'x-forwarded-for': '10.9.9.9' } });
    const seen = catalog.seen.at(-1)!;
    expect(seen.headers['x-forwarded-for']).toBe('198.51.100.5');
    expect(seen.headers[FORWARDED_CLIENT_HEADER]).toBeUndefined();
    await call(gateway.url, '/api/products', { headers: { 'x-forwarded-for': '10.9.9.9' }, from: '127.0.0.34' });
    expect(catalog.seen.at(-1)!.headers['x-forwarded-for']).toBe('127.0.0.34');
  });
});

describe('an account under attack from many addresses', () => {
  it('slows every address down to a few tries, and the owner from a new address still gets in', async () => {
    const gateway = await gatewayWith({
      LOGIN_FAILURE_LIMIT: '5/900',
      LOGIN_ACCOUNT_FAILURE_THRESHOLD: '6/900',
      LOGIN_ATTEMPTS_UNDER_ATTACK: '2',
      GATEWAY_TRUSTED_PROXIES: '127.0.0.1',
      FORWARDED_CLIENT_SECRET: secret,
    });
    const victim = await register(gateway.url);
    // A botnet: three addresses, two failures each, reaches the account-wide threshold.
    for (const bot of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) {
      expect(await failLogins(gateway, victim.email, 2, { headers: vouch(bot) })).toEqual([401, 401]);
    }
    // Each bot address now gets no third try (before the threshold it had five).
    expect(await failLogins(gateway, victim.email, 1, { headers: vouch('192.0.2.1') })).toEqual([429]);
    // A fresh bot address gets two, not five.
    expect(await failLogins(gateway, victim.email, 3, { headers: vouch('192.0.2.4') })).toEqual([401, 401, 429]);
    // The owner, from addresses of their own, is never refused outright: even after a typo.
    expect((await call(gateway.url, '/api/auth/login', { json: { email: victim.email, password: victim.password }, headers: vouch('198.51.100.50') })).status).toBe(200);
    expect(await failLogins(gateway, victim.email, 1, { headers: vouch('198.51.100.51') })).toEqual([401]);
    expect((await call(gateway.url, '/api/auth/login', { json: { email: victim.email, password: victim.password }, headers: vouch('198.51.100.51') })).status).toBe(200);
  });
});

describe('guest carts per client address', () => {
  it('creates at most RATE_LIMIT_GUEST_CART guest carts per address, then 429 without reaching the cart service', async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_GUEST_CART: '3/3600' });
    const client = '127.0.0.41';
    const before = carts.seen.filter((r) => r.method === 'POST' && r.path === '/api/carts').length;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(gateway.url, '/api/carts', { method: 'POST', from: client })).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const limited = await call(gateway.url, '/api/carts', { method: 'POST', from: client });
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Nothing changed: the refused creations never reached the cart service.
    expect(carts.seen.filter((r) => r.method === 'POST' && r.path === '/api/carts').length - before).toBe(3);

    // All at once from a fresh address: still exactly the budget reaches the cart service.
    const burstBefore = carts.seen.filter((r) => r.method === 'POST' && r.path === '/api/carts').length;
    const burst = await Promise.all(Array.from({ length: 10 }, () => call(gateway.url, '/api/carts', { method: 'POST', from: '127.0.0.43' })));
    expect(burst.filter((r) => r.status === 201)).toHaveLength(3);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(7);
    expect(carts.seen.filter((r) => r.method === 'POST' && r.path === '/api/carts').length - burstBefore).toBe(3);

    // Another address, a signed-in customer (one cart each, bound by the cart service), and
    // changes to existing carts are not counted.
    expect((await call(gateway.url, '/api/carts', { method: 'POST', from: '127.0.0.42' })).status).toBe(201);
    const { session } = await register(gateway.url, `${unique('cart')}@example.com`);
    expect((await call(gateway.url, '/api/carts', { method: 'POST', from: client, token: session.accessToken })).status).toBe(201);
    expect((await call(gateway.url, '/api/carts/00000000-0000-4000-8000-000000000000/items', { json: { sku: 'X', quantity: 1 }, from: client })).status).toBe(200);
  });
});
