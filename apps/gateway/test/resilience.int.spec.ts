import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpProxy, testEnv } from '@shop/testing';
import { routeTable, type RouteEntry } from '../src/routing/route-table.js';
import { call, StandIn, startTestGateway, type TestGateway } from './gateway-harness.js';

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

async function standIn(): Promise<StandIn> {
  const s = await new StandIn().start();
  closers.push(() => s.close());
  return s;
}

async function gatewayFor(catalog: StandIn, env: Record<string, string>, extra: { upstreams?: Record<string, string>; routes?: readonly RouteEntry[] } = {}) {
  const gateway = await startTestGateway({ catalogUrl: catalog.url, env, extraUpstreams: extra.upstreams, routes: extra.routes });
  closers.push(() => gateway.close());
  return gateway;
}

const circuitState = async (gateway: TestGateway) => {
  const metrics = await call(gateway.service.metricsUrl, '/metrics');
  return Number(/gateway_upstream_circuit_state\{upstream="catalog"[^}]*\} (\d)/.exec(metrics.text)?.[1]);
};

describe('circuit breaker', () => {
  let catalog: StandIn;
  let gateway: TestGateway;
  beforeAll(async () => {
    catalog = await standIn();
    gateway = await gatewayFor(catalog, { UPSTREAM_TIMEOUT_MS: '200', UPSTREAM_RETRIES: '0', BREAKER_FAILURES: '3', BREAKER_HALF_OPEN_MS: '400' });
  });

  it('trips on an upstream that hangs, then answers 503 naming the upstream without calling it', async () => {
    catalog.behaviour = () => ({ status: 200, hang: true });
    const timeouts = [];
    for (let i = 0; i < 3; i++) timeouts.push((await call(gateway.url, '/api/products')).status);
    expect(timeouts).toEqual([504, 504, 504]);
    const calls = catalog.seen.length;
    const open = await call(gateway.url, '/api/products');
    expect(open.status).toBe(503);
    expect(open.body.error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(open.body.error.message).toMatch(/^catalog is unavailable \(circuit open/);
    expect(Number(open.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(catalog.seen.length).toBe(calls); // answered by the gateway alone
    expect(await circuitState(gateway)).toBe(1);
    // Other routes of the gateway itself are unaffected.
    expect((await call(gateway.url, '/api/docs/openapi.json')).status).toBe(200);
  });

  it('probes after the half-open delay and closes again once the upstream recovers', async () => {
    catalog.behaviour = () => ({ status: 200, body: '{"items":[]}' });
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      await sleep(100);
      status = (await call(gateway.url, '/api/products')).status;
    }
    expect(status).toBe(200);
    expect(await circuitState(gateway)).toBe(0);
    const after = await Promise.all([1, 2, 3].map(() => call(gateway.url, '/api/products')));
    expect(after.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('counts 502/503/504 answers of the upstream as failures too, passing them on meanwhile', async () => {
    catalog.behaviour = () => ({ status: 503, body: '{"error":{"code":"DEPENDENCY_UNAVAILABLE","message":"db down"}}' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(gateway.url, '/api/products')).status);
    expect(statuses).toEqual([503, 503, 503, 503]);
    const last = await call(gateway.url, '/api/products');
    expect(last.body.error.message).toMatch(/circuit open/);
    catalog.behaviour = () => ({ status: 200, body: '{}' });
  });
});

describe('retries', () => {
  let catalog: StandIn;
  let gateway: TestGateway;
  beforeAll(async () => {
    catalog = await standIn();
    gateway = await gatewayFor(catalog, { UPSTREAM_RETRIES: '2', BREAKER_FAILURES: '50' });
  });

  const failingOnce = () => {
    let calls = 0;
    return () => (++calls === 1 ? { status: 0, destroy: true } : { status: 200, body: '{"ok":true}' });
  };

  it('retries an idempotent request after a dropped connection', async () => {
    catalog.seen.length = 0;
    catalog.behaviour = failingOnce();
    const res = await call(gateway.url, '/api/products');
    expect(res.status).toBe(200);
    expect(catalog.seen).toHaveLength(2);
  });

  it('never retries a POST without an Idempotency-Key, and retries one with it', async () => {
    const admin = await call(gateway.url, '/api/auth/login', { json: gateway.admin });
    catalog.seen.length = 0;
    catalog.behaviour = failingOnce();
    const once = await call(gateway.url, '/api/admin/products', { json: { title: 'x' }, token: admin.body.accessToken });
    expect(once.status).toBe(503);
    expect(catalog.seen).toHaveLength(1);
    catalog.seen.length = 0;
    catalog.behaviour = failingOnce();
    const keyed = await call(gateway.url, '/api/admin/products', {
      json: { title: 'x' },
      token: admin.body.accessToken,
      headers: { 'idempotency-key': 'create-x-1' },
    });
    expect(keyed.status).toBe(200);
    expect(catalog.seen).toHaveLength(2);
  });
});

describe('bulkheads', () => {
  it('keeps serving other upstreams while one is saturated by slow requests', async () => {
    const slow = await standIn();
    const fast = await standIn();
    slow.behaviour = () => ({ status: 200, hang: true });
    const routes: RouteEntry[] = [...routeTable, { kind: 'proxy', prefix: '/api/fast', upstream: 'fast', access: 'public', rateLimit: 'default', methods: ['GET'] }];
    const gateway = await gatewayFor(
      slow,
      { UPSTREAM_MAX_CONCURRENT: '2', UPSTREAM_QUEUE: '1', UPSTREAM_TIMEOUT_MS: '1500', UPSTREAM_RETRIES: '0', BREAKER_FAILURES: '50' },
      { upstreams: { fast: fast.url }, routes },
    );
    const stuck = [1, 2, 3].map(() => call(gateway.url, '/api/products'));
    for (let i = 0; i < 50 && slow.seen.length < 2; i++) await sleep(20);
    const rejected = await call(gateway.url, '/api/products');
    expect(rejected.status).toBe(503);
    expect(rejected.body.error.message).toBe('catalog is at capacity; retry shortly');
    const other = await call(gateway.url, '/api/fast/thing');
    expect(other.status).toBe(200);
    expect((await Promise.all(stuck)).map((r) => r.status)).toEqual([504, 504, 504]);
  });
});

describe('Redis outage', () => {
  it('keeps serving and limiting (in memory) while Redis is away, and carries on when it is back', async () => {
    const catalog = await standIn();
    const redisUrl = new URL(testEnv().redisUrl);
    const proxy = new TcpProxy(redisUrl.hostname, Number(redisUrl.port || 6379));
    await proxy.start();
    closers.push(() => proxy.cut());
    const gateway = await gatewayFor(catalog, { REDIS_URL: proxy.urlFor(testEnv().redisUrl), RATE_LIMIT_DEFAULT: '3/60' });
    await proxy.cut();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(gateway.url, '/api/products', { from: '127.0.0.51' })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    await proxy.restore();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      await sleep(100);
      status = (await call(gateway.url, '/api/products', { from: '127.0.0.52' })).status;
    }
    expect(status).toBe(200);
  });
});
