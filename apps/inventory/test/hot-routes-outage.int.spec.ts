import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DependencyRelays, eventually, testEnv, type JsonAnswer } from '@shop/testing';
import { api, reserve, setStock, startTestInventory, uniqueSku } from './inventory-harness.js';

/** What the service answers, on any route, while its database cannot be reached (inventory-app's error mapper). */
const DATABASE_DOWN = { code: 'DEPENDENCY_UNAVAILABLE', message: 'the inventory database is unavailable; retry shortly' };

/**
 * The hot routes (reserve, public stock, the naive baseline) are registered straight on Fastify,
 * outside Nest's error filter: while Postgres is unreachable (a real Postgres behind a relay the
 * test cuts) they must answer as the Nest routes do, and serve again once it is back, without a
 * restart.
 */
describe('hot routes while the database is unreachable', () => {
  const relays = new DependencyRelays(testEnv());
  let url: string;
  let close: () => Promise<void>;
  const sku = uniqueSku('HOT');

  beforeAll(async () => {
    const { databaseUrl } = await relays.start();
    const { service } = await startTestInventory({ env: { DATABASE_URL: databaseUrl, INVENTORY_NAIVE_BASELINE: 'true' } });
    url = service.url;
    close = () => service.close();
    await setStock(url, sku, 1_000);
  }, 60_000);

  afterAll(async () => {
    await relays.restore();
    await close?.();
    await relays.cut();
  });

  const engineReserve = () => reserve(url, `hot-${Math.random()}`, { items: [{ sku, quantity: 1 }] });
  const naiveReserve = () => api(url, '/api/inventory/naive/reservations', { method: 'POST', json: { items: [{ sku, quantity: 1 }] }, headers: { 'idempotency-key': `naive-${Math.random()}` }, caller: { service: 'payments' } });
  const publicStock = () => api(url, `/api/inventory/${sku}`);

  it('answers 503 with the database-unavailable body on the hot routes, then serves again once Postgres is back', async () => {
    expect((await engineReserve()).status).toBe(201);
    expect((await naiveReserve()).status).toBe(201);
    expect((await publicStock()).status).toBe(200);

    await relays.postgres.cut();
    try {
      // A Nest route on the same service: the answer every route should give.
      const nest = await api(url, '/api/admin/inventory?limit=5');
      expect(nest.status).toBe(503);
      expect(nest.body.error).toEqual(DATABASE_DOWN);

      const naive = await naiveReserve();
      expectDatabaseDown(naive);

      // A batch that fails on a broken session has an unknown outcome: the database error reaches
      // the route. A partition already reloading (the cut dropped its session) says so instead, which
      // is what this request usually meets.
      const engine = await engineReserve();
      expect(['PARTITION_UNAVAILABLE', DATABASE_DOWN.code]).toContain(engine.body.error?.code);
      if (engine.body.error.code === DATABASE_DOWN.code) expectDatabaseDown(engine);
      else expect(engine.status).toBe(503);

      // The partition is no longer serving from its snapshot, so the public stock is read from the database.
      const stock = await eventually(async () => {
        const res = await publicStock();
        if (res.status === 200) throw new Error('still served from the snapshot');
        return res;
      }, 100);
      expectDatabaseDown(stock);
    } finally {
      await relays.postgres.restore();
    }

    await eventually(async () => expect((await engineReserve()).status).toBe(201), 100);
    await eventually(async () => expect((await naiveReserve()).status).toBe(201), 100);
    const stock = await eventually(async () => {
      const res = await publicStock();
      expect(res.status).toBe(200);
      return res;
    }, 100);
    expect(stock.body).toMatchObject({ sku });
    await eventually(async () => expect((await api(url, '/health/ready')).status).toBe(200), 100);
  }, 120_000);
});

function expectDatabaseDown(res: JsonAnswer): void {
  expect(res.status).toBe(503);
  expect(res.body.error).toEqual(DATABASE_DOWN);
  expect(res.headers.get('retry-after')).toBeTruthy();
}
