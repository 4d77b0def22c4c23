import { createRedis, scanKeys } from '@shop/messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, testEnv } from '@shop/testing';
import { call, register, StandIn, startTestGateway, unique, type TestGateway } from './gateway-harness.js';

let upstream: StandIn;
const gateways: TestGateway[] = [];

async function gatewayWith(env: Record<string, string>, extraUpstreams?: Record<string, string>): Promise<TestGateway> {
  const gateway = await startTestGateway({ catalogUrl: upstream.url, env, extraUpstreams });
  gateways.push(gateway);
  // Counted in Redis only once its connection is up (before that, in memory, per instance), as a
  // load balancer sends traffic only once /health/ready says so. A cluster client takes longer.
  await eventually(async () => expect((await call(gateway.url, '/health/ready')).status).toBe(200));
  return gateway;
}

beforeAll(async () => {
  upstream = await new StandIn().start();
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await upstream?.close();
});

describe('brute force on login', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await gatewayWith({ LOGIN_FAILURE_LIMIT: '5/900', RATE_LIMIT_AUTH: '40/60' });
  });

  it('limits repeated failed logins of one account from one client (429, Retry-After), without locking out anyone else', async () => {
    const victim = await register(gateway.url);
    const bystander = await register(gateway.url);
    const attacker = '127.0.0.11';
    const attempts: number[] = [];
    for (let i = 0; i < 7; i++) {
      attempts.push((await call(gateway.url, '/api/auth/login', { json: { email: victim.email, password: `guess-${i}` }, from: attacker })).status);
    }
    expect(attempts).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const limited = await call(gateway.url, '/api/auth/login', { json: { email: victim.email, password: victim.password }, from: attacker });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from the same client, and the victim from their own device, still log in.
    expect((await call(gateway.url, '/api/auth/login', { json: { email: bystander.email, password: bystander.password }, from: attacker })).status).toBe(200);
    expect((await call(gateway.url, '/api/auth/login', { json: { email: victim.email, password: victim.password }, from: '127.0.0.12' })).status).toBe(200);
  });

  it('limits one client trying many accounts (the per-IP auth class)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 42; i++) {
      statuses.push((await call(gateway.url, '/api/auth/login', { json: { email: `${unique('u')}@example.com`, password: 'whatever1' }, from: '127.0.0.13' })).status);
    }
    expect(statuses.slice(0, 40).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(40)).toEqual([429, 429]);
    // Someone else's IP is unaffected.
    expect((await call(gateway.url, '/api/auth/login', { json: { email: 'x@example.com', password: 'whatever1' }, from: '127.0.0.14' })).status).toBe(401);
  });
});

describe('the guest order lookup', () => {
  let gateway: TestGateway;
  const lookup = '/api/orders/lookup?number=SO-000001&email=guest%40example.com';
  const login = (from: string) => call(gateway.url, '/api/auth/login', { json: { email: `${unique('u')}@example.com`, password: 'whatever1' }, from });
  beforeAll(async () => {
    // The stand-in answers every lookup 200: only the gateway's limits are under test.
    gateway = await gatewayWith({ RATE_LIMIT_AUTH: '3/60', RATE_LIMIT_ORDER_LOOKUP: '4/60' }, { orders: upstream.url });
  });

  it('has a budget of its own: sign-in attempts do not spend it', async () => {
    const client = '127.0.0.51';
    const logins: number[] = [];
    for (let i = 0; i < 4; i++) logins.push((await login(client)).status);
    expect(logins).toEqual([401, 401, 401, 429]);
    const lookups: number[] = [];
    for (let i = 0; i < 4; i++) lookups.push((await call(gateway.url, lookup, { from: client })).status);
    expect(lookups).toEqual([200, 200, 200, 200]);
  });

  it('and does not spend the sign-in budget', async () => {
    const client = '127.0.0.52';
    const lookups: number[] = [];
    for (let i = 0; i < 4; i++) lookups.push((await call(gateway.url, lookup, { from: client })).status);
    expect(lookups).toEqual([200, 200, 200, 200]);
    const logins: number[] = [];
    for (let i = 0; i < 3; i++) logins.push((await login(client)).status);
    expect(logins).toEqual([401, 401, 401]);
  });

  it('answers 429 with Retry-After past RATE_LIMIT_ORDER_LOOKUP, per client address, even with a token', async () => {
    const client = '127.0.0.53';
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(gateway.url, lookup, { from: client })).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    const limited = await call(gateway.url, lookup, { from: client });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: 'RATE_LIMITED', details: { limit: '4 per 60 s' } } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Guessing is counted per address: an account's token does not buy a fresh budget...
    const { session } = await register(gateway.url);
    expect((await call(gateway.url, lookup, { from: client, token: session.accessToken })).status).toBe(429);
    // ...and another address is unaffected.
    expect((await call(gateway.url, lookup, { from: '127.0.0.55' })).status).toBe(200);
  });
});

describe('the hold budget', () => {
  it("is spent by holds and releases, not by a shopper reading their own reservation (counted in the default budget)", async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_RESERVATION: '1/60', RATE_LIMIT_DEFAULT: '600/60', INVENTORY_URL: upstream.url });
    const { session } = await register(gateway.url);
    const token = session.accessToken;
    const path = '/api/inventory/reservations/r3_00000000-0000-4000-8000-000000000000';
    const reads: number[] = [];
    for (let i = 0; i < 3; i++) reads.push((await call(gateway.url, path, { token })).status);
    expect(reads).toEqual([200, 200, 200]);
    const hold = () => call(gateway.url, '/api/inventory/reservations', { method: 'POST', json: { items: [{ sku: 'TEE-M', quantity: 1 }] }, token, headers: { 'idempotency-key': unique('k') } });
    expect((await hold()).status).toBe(200);
    const shed = await hold();
    expect(shed.status).toBe(429);
    expect(shed.body).toMatchObject({ error: { code: 'RATE_LIMITED', details: { limit: '1 per 60 s' } } });
    expect((await call(gateway.url, path, { method: 'DELETE', token })).status).toBe(429);
    // Reading still works with the hold budget spent.
    expect((await call(gateway.url, path, { token })).status).toBe(200);
  });
});

describe('request rate limits', () => {
  it('limits anonymous clients per IP and signed-in users per account, in the error shape with Retry-After', async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_DEFAULT: '5/60' });
    const client = '127.0.0.21';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(gateway.url, '/api/products', { from: client })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await call(gateway.url, '/api/products', { from: client });
    expect(limited.body).toMatchObject({ error: { code: 'RATE_LIMITED', details: { limit: '5 per 60 s' } } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // A signed-in shopper behind the same IP has a budget of their own; probes are never limited.
    const { session } = await register(gateway.url, undefined, undefined);
    expect((await call(gateway.url, '/api/products', { from: client, token: session.accessToken })).status).toBe(200);
    expect((await call(gateway.url, '/health/live', { from: client })).status).toBe(200);
  });

  it('holds across gateway instances sharing Redis', async () => {
    const prefix = `${testEnv().redisPrefix}${unique('shared')}:`;
    const a = await gatewayWith({ RATE_LIMIT_DEFAULT: '6/60', REDIS_PREFIX: prefix });
    const b = await gatewayWith({ RATE_LIMIT_DEFAULT: '6/60', REDIS_PREFIX: prefix });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await call((i % 2 === 0 ? a : b).url, '/api/products', { from: '127.0.0.31' })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
  });

  it('keeps its counters under the configured Redis prefix', async () => {
    const gateway = await gatewayWith({});
    await call(gateway.url, '/api/products', { from: '127.0.0.41' });
    const redis = createRedis(testEnv());
    try {
      const keys = await scanKeys(redis, `${gateway.config.redisPrefix}*`);
      expect(keys).toContain(`${gateway.config.redisPrefix}rl:default:ip:127.0.0.41`);
    } finally {
      redis.disconnect();
    }
  });
});
