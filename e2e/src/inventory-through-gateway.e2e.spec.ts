import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVENTORY_QUICK_FAILOVER, reservationsByKey, testEnv } from '@shop/testing';
import { call } from './checkout-platform.js';
import { AppProcess, freePort } from './platform-processes.js';

/** The seeded admin's password: there is no default one any more. */
const ADMIN_PASSWORD = `e2e-admin-${Math.random().toString(36).slice(2)}`;
// Its own admin: other files of the run share the database and seed admins of their own.
const ADMIN_EMAIL = `admin-${Math.random().toString(36).slice(2)}@example.com`;
const PARTITIONS = '8';
/** Short heartbeats and leases so a crash is noticed in about a second. */
const CLUSTER_ENV = {
  ...INVENTORY_QUICK_FAILOVER,
  INVENTORY_PARTITIONS: PARTITIONS,
  EXPIRY_SWEEP_MS: '100',
  INVENTORY_DB_POOL: '4',
};

async function eventually(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Three built inventory instances behind the built gateway, used as clients would: partition-
 * sticky routing, then kill -9 of one instance under load.
 */
describe('inventory: three instances behind the gateway', () => {
  const prefix = `${testEnv().redisPrefix}invgw:`;
  const instances: AppProcess[] = [];
  let gateway: AppProcess;
  let db: pg.Client;
  let admin: string;
  let customer: string;
  const run = Date.now().toString(36).toUpperCase();

  const asAdmin = () => ({ authorization: `Bearer ${admin}` });
  const asCustomer = () => ({ authorization: `Bearer ${customer}` });

  async function metric(url: string, name: string): Promise<number> {
    const text = await (await fetch(`${url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(name));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      instances.push(
        new AppProcess('inventory', port, {
          ...CLUSTER_ENV,
          REDIS_PREFIX: prefix,
          INSTANCE_ID: `inv-${i}`,
          INVENTORY_PORT: String(port),
          INVENTORY_PUBLIC_URL: `http://127.0.0.1:${port}`,
        }),
      );
    }
    await Promise.all(instances.map((i) => i.start()));
    const gatewayPort = await freePort();
    gateway = new AppProcess('gateway', gatewayPort, {
      GATEWAY_PORT: String(gatewayPort),
      REDIS_PREFIX: prefix,
      INVENTORY_PARTITIONS: PARTITIONS,
      INVENTORY_URL: instances[0]!.url,
      RATE_LIMIT_ENABLED: 'false',
      UPSTREAM_TIMEOUT_MS: '2000',
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
    });
    await gateway.start();
    db = new pg.Client({ connectionString: testEnv().databaseUrl });
    await db.connect();

    // Every partition leased before the test starts.
    await eventually(
      async () => (await db.query('SELECT count(*)::int AS n FROM inventory.partition_lease WHERE expires_at > now()')).rows[0].n >= 8,
      30_000,
      'all partitions leased',
    );
    await eventually(async () => (await call(`${gateway.url}/health/ready`)).status === 200, 20_000, 'gateway ready');
    // The gateway seeds the first admin right after it starts listening.
    let login = { status: 0, body: { accessToken: '' } } as Awaited<ReturnType<typeof call>>;
    await eventually(
      async () => {
        login = await call(`${gateway.url}/api/auth/login`, { method: 'POST', json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
        return login.status === 200;
      },
      20_000,
      'the seeded admin to log in',
    );
    admin = login.body.accessToken;
    const reg = await call(`${gateway.url}/api/auth/register`, { method: 'POST', json: { email: `inv-${run.toLowerCase()}@example.com`, password: 'correct horse battery' } });
    expect(reg.status).toBe(201);
    customer = reg.body.accessToken;
  }, 120_000);

  afterAll(async () => {
    await gateway?.kill('SIGTERM');
    await Promise.all(instances.map((i) => i.kill('SIGTERM')));
    await db?.end();
  });

  it('sends every SKU to the instance that owns its partition: no instance has to forward', async () => {
    const skus = Array.from({ length: 16 }, (_, i) => `GW-${run}-${i}`);
    for (const sku of skus) {
      expect((await call(`${gateway.url}/api/admin/inventory/${sku}`, { method: 'PUT', json: { onHand: 5 }, headers: asAdmin() })).status).toBe(200);
    }
    for (const sku of skus) {
      const read = await call(`${gateway.url}/api/admin/inventory/${sku}`, { headers: asAdmin() });
      expect(read.body).toMatchObject({ sku, onHand: 5, available: 5 });
      expect((await call(`${gateway.url}/api/inventory/${sku}`)).body).toEqual({ sku, level: 'low', available: 5 });
      const held = await call(`${gateway.url}/api/inventory/reservations`, {
        method: 'POST',
        json: { items: [{ sku, quantity: 1 }] },
        headers: { ...asCustomer(), 'idempotency-key': `sticky-${sku}` },
      });
      expect(held.status).toBe(201);
      const released = await call(`${gateway.url}/api/inventory/reservations/${held.body.reservationId}`, { method: 'DELETE', headers: asCustomer() });
      expect(released.status).toBeLessThan(300);
    }
    for (const i of instances) expect(await metric(i.url, 'inventory_forwarded_total')).toBe(0);
    // Anonymous shoppers may read stock but not hold it.
    const anonymous = await call(`${gateway.url}/api/inventory/reservations`, { method: 'POST', json: { items: [{ sku: skus[0], quantity: 1 }] }, headers: { 'idempotency-key': 'anon-1' } });
    expect(anonymous.status).toBe(401);
  }, 60_000);

  it('kill -9 of an instance under load: its partitions move, nothing acknowledged is lost, nothing is oversold', async () => {
    const stock = 30;
    const skus = Array.from({ length: 24 }, (_, i) => `KILL-${run}-${i}`);
    for (const sku of skus) {
      expect((await call(`${gateway.url}/api/admin/inventory/${sku}`, { method: 'PUT', json: { onHand: stock }, headers: asAdmin() })).status).toBe(200);
    }
    const victim = instances[1]!;
    const victimSkus = (
      await db.query<{ sku: string }>(
        `SELECT s.sku FROM inventory.stock s JOIN inventory.partition_lease l ON l.partition = s.partition
         WHERE s.sku = ANY($1) AND l.owner = 'inv-1'`,
        [skus],
      )
    ).rows.map((r) => r.sku);
    expect(victimSkus.length).toBeGreaterThan(0);

    const acknowledged = new Map<string, { reservationId: string; sku: string; at: number }>();
    let killedAt = Number.POSITIVE_INFINITY;
    let stop = false;
    let seq = 0;
    const client = async (): Promise<void> => {
      while (!stop) {
        const sku = skus[seq % skus.length]!;
        const key = `gw-kill-${run}-${seq++}`;
        // The same key is retried until a definite answer: 502/503/504 happen while partitions move.
        for (let attempt = 0; attempt < 200 && !stop; attempt++) {
          const res = await call(`${gateway.url}/api/inventory/reservations`, {
            method: 'POST',
            json: { items: [{ sku, quantity: 1 }] },
            headers: { ...asCustomer(), 'idempotency-key': key },
          }).catch(() => ({ status: 0, body: {} as { reservationId?: string } }));
          if (res.status === 201) {
            acknowledged.set(key, { reservationId: res.body.reservationId!, sku, at: Date.now() });
            break;
          }
          if (res.status === 409) break;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    const clients = Array.from({ length: 12 }, () => client());
    await eventually(async () => acknowledged.size >= 100, 30_000, 'load before the kill');
    await victim.kill('SIGKILL');
    killedAt = Date.now();
    await eventually(
      async () => [...acknowledged.values()].filter((a) => a.at > killedAt && victimSkus.includes(a.sku)).length >= 10,
      45_000,
      'reservations on the moved partitions, through the gateway',
    );
    stop = true;
    await Promise.all(clients);

    const byKey = await reservationsByKey(db, acknowledged.keys());
    for (const [key, ack] of acknowledged) {
      expect(byKey.get(key)?.id, key).toBe(ack.reservationId);
      expect(byKey.get(key)?.status).toBe('held');
    }
    const totals = await db.query<{ sku: string; on_hand: number; reserved: number; committed: number }>(
      'SELECT sku, on_hand, reserved, committed FROM inventory.stock WHERE sku = ANY($1)',
      [skus],
    );
    for (const t of totals.rows) {
      const mine = [...acknowledged.values()].filter((a) => a.sku === t.sku).length;
      expect(t.reserved + t.committed).toBeLessThanOrEqual(t.on_hand);
      expect(t.reserved).toBeGreaterThanOrEqual(mine);
    }
    // The survivors serve the victim's SKUs through the gateway.
    for (const sku of victimSkus.slice(0, 3)) expect((await call(`${gateway.url}/api/inventory/${sku}`)).status).toBe(200);
  }, 150_000);
});
