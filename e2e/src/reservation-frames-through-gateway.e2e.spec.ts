import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVENTORY_QUICK_FAILOVER, testEnv } from '@shop/testing';
import { call } from './checkout-platform.js';
import { AppProcess, freePort } from './platform-processes.js';

const ADMIN_PASSWORD = `e2e-admin-${Math.random().toString(36).slice(2)}`;
const ADMIN_EMAIL = `admin-${Math.random().toString(36).slice(2)}@example.com`;
const PARTITIONS = '8';

async function eventually(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

type Answer = Awaited<ReturnType<typeof call>>;

/**
 * Reservation frames (GATEWAY_RESERVATION_BATCHING) against the built apps: two inventory
 * instances behind two gateways on the same registry, one coalescing reservations into frames and
 * one proxying them one by one. The same requests (on twin SKUs) get the same answers.
 */
describe('reservations through the gateway: batched and one by one answer alike', () => {
  const prefix = `${testEnv().redisPrefix}frames:`;
  const instances: AppProcess[] = [];
  let batched: AppProcess;
  let plain: AppProcess;
  let db: pg.Client;
  const tokens = new Map<AppProcess, { admin: string; customer: string }>();
  const run = Date.now().toString(36).toUpperCase();

  async function startGateway(batching: boolean): Promise<AppProcess> {
    const port = await freePort();
    const gateway = new AppProcess('gateway', port, {
      GATEWAY_PORT: String(port),
      REDIS_PREFIX: prefix,
      INVENTORY_PARTITIONS: PARTITIONS,
      INVENTORY_URL: instances[0]!.url,
      RATE_LIMIT_ENABLED: 'false',
      UPSTREAM_TIMEOUT_MS: '3000',
      GATEWAY_RESERVATION_BATCHING: String(batching),
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
    });
    await gateway.start();
    return gateway;
  }

  async function signIn(gateway: AppProcess): Promise<void> {
    await eventually(async () => (await call(`${gateway.url}/health/ready`)).status === 200, 20_000, 'gateway ready');
    let login: Answer | undefined;
    await eventually(
      async () => {
        login = await call(`${gateway.url}/api/auth/login`, { method: 'POST', json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
        return login.status === 200;
      },
      20_000,
      'the seeded admin to log in',
    );
    const reg = await call(`${gateway.url}/api/auth/register`, { method: 'POST', json: { email: `frames-${run.toLowerCase()}-${gateway.port}@example.com`, password: 'correct horse battery' } });
    expect(reg.status).toBe(201);
    tokens.set(gateway, { admin: login!.body.accessToken, customer: reg.body.accessToken });
  }

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      instances.push(
        new AppProcess('inventory', port, {
          ...INVENTORY_QUICK_FAILOVER,
          INVENTORY_PARTITIONS: PARTITIONS,
          INVENTORY_DB_POOL: '4',
          REDIS_PREFIX: prefix,
          INSTANCE_ID: `frames-${i}`,
          INVENTORY_PORT: String(port),
          INVENTORY_PUBLIC_URL: `http://127.0.0.1:${port}`,
        }),
      );
    }
    await Promise.all(instances.map((i) => i.start()));
    db = new pg.Client({ connectionString: testEnv().databaseUrl });
    await db.connect();
    await eventually(
      async () => (await db.query('SELECT count(*)::int AS n FROM inventory.partition_lease WHERE expires_at > now()')).rows[0].n >= 8,
      30_000,
      'all partitions leased',
    );
    [batched, plain] = await Promise.all([startGateway(true), startGateway(false)]);
    await signIn(batched);
    await signIn(plain);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([batched?.kill('SIGTERM'), plain?.kill('SIGTERM')]);
    await Promise.all(instances.map((i) => i.kill('SIGTERM')));
    await db?.end();
  });

  async function framesAnswered(): Promise<number> {
    let total = 0;
    for (const instance of instances) {
      const text = await (await fetch(`${instance.url}/metrics`)).text();
      for (const line of text.split('\n')) {
        if (line.startsWith('http_requests_total') && line.includes('reservation-frames')) total += Number(line.split(' ').at(-1));
      }
    }
    return total;
  }

  /** One scenario on a gateway: every request sent at once (so the batching gateway coalesces them). */
  async function scenario(gateway: AppProcess, tag: string): Promise<{ skus: string[]; answers: Answer[] }> {
    const { admin, customer } = tokens.get(gateway)!;
    // SKUs spread over both instances' partitions.
    const skus = Array.from({ length: 6 }, (_, i) => `FR-${run}-${tag}-${i}`);
    for (const sku of skus) {
      expect((await call(`${gateway.url}/api/admin/inventory/${sku}`, { method: 'PUT', json: { onHand: 3 }, headers: { authorization: `Bearer ${admin}` } })).status).toBe(200);
    }
    const reserve = (key: string | undefined, json: unknown, token: string | null = customer) =>
      call(`${gateway.url}/api/inventory/reservations`, {
        method: 'POST',
        json,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(key ? { 'idempotency-key': key } : {}) },
      });
    const requests = [
      ...skus.map((sku) => reserve(`${tag}-one-${sku}`, { items: [{ sku, quantity: 2 }] })),
      reserve(`${tag}-bad`, { items: [{ sku: skus[0], quantity: 0 }], extra: 1 }),
      reserve(undefined, { items: [{ sku: skus[1], quantity: 1 }] }),
      reserve(`${tag}-anon`, { items: [{ sku: skus[2], quantity: 1 }] }, null),
      reserve(`${tag}-replace`, { items: [{ sku: skus[3], quantity: 1 }], replaces: 'r0_00000000-0000-4000-8000-000000000000' }),
      reserve(`${tag}-unknown`, { items: [{ sku: `${skus[4]}-NONE`, quantity: 1 }] }),
      reserve(`${tag}-many`, { items: [{ sku: skus[5], quantity: 1000 }] }),
    ];
    const answers = await Promise.all(requests);
    // Then one that depends on the first: replayed, and one the stock no longer covers.
    answers.push(await reserve(`${tag}-one-${skus[0]}`, { items: [{ sku: skus[0], quantity: 2 }] }));
    answers.push(await reserve(`${tag}-more-${skus[0]}`, { items: [{ sku: skus[0], quantity: 2 }] }));
    return { skus, answers };
  }

  const normalize = (answer: Answer, tag: string) => ({
    status: answer.status,
    contentType: answer.headers.get('content-type'),
    retryAfter: answer.headers.get('retry-after'),
    replayed: answer.headers.get('idempotent-replayed'),
    hasRequestId: answer.headers.get('x-request-id') !== null,
    body: JSON.parse(
      answer.text
        .replaceAll(`-${tag}-`, '-TAG-')
        .replaceAll(`${tag}-`, 'TAG-')
        .replace(/r\d+_[0-9a-f-]{36}/g, 'RID')
        .replace(/"expiresAt":"[^"]+"/g, '"expiresAt":"T"'),
    ),
  });

  it('the same requests get the same statuses, bodies and headers; the batching gateway sent frames', async () => {
    const framesBefore = await framesAnswered();
    const viaPlain = await scenario(plain, 'P');
    const framesAfterPlain = await framesAnswered();
    expect(framesAfterPlain).toBe(framesBefore); // one by one: no frames
    const viaFrames = await scenario(batched, 'B');
    expect(await framesAnswered()).toBeGreaterThan(framesAfterPlain);

    expect(viaFrames.answers.map((a) => normalize(a, 'B'))).toEqual(viaPlain.answers.map((a) => normalize(a, 'P')));
    expect(viaPlain.answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201, 400, 400, 401, 403, 404, 409, 201, 409]);
    expect(viaFrames.answers[12]!.headers.get('idempotent-replayed')).toBe('true');
    expect(viaFrames.answers[0]!.headers.get('content-type')).toBe('application/json; charset=utf-8');
    // Each client's own request id came back.
    expect(new Set(viaFrames.answers.map((a) => a.headers.get('x-request-id'))).size).toBe(viaFrames.answers.length);
  }, 60_000);
});
