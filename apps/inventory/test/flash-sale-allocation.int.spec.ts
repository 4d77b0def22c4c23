import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { identityHeaders, serviceHeaders, type TestIdentity } from '@shop/testing';
import { api, database, setStock, startTestInventory, totalsOf, uniquePrefix, uniqueSku, type TestCaller } from './inventory-harness.js';

/**
 * A flash sale's allocation (issue 10): the engine sells at most `units` of a SKU in the sale,
 * however many shoppers race for it, counts them again exactly after a restart, and answers its
 * live figures to the pricing service that configures it.
 */
const customer = (): TestIdentity => ({ userId: randomUUID(), role: 'customer' });
const PRICING: TestCaller = { service: 'pricing' };

function reserveAs(url: string, caller: TestCaller, key: string, body: unknown) {
  return api(url, '/api/inventory/reservations', { method: 'POST', json: body, headers: { 'idempotency-key': key }, caller });
}

const saleLimitPath = (sku: string) => `/api/admin/inventory/${sku}/sale-limit`;

describe("a flash sale's allocation", () => {
  const prefix = uniquePrefix();
  let inv: Awaited<ReturnType<typeof startTestInventory>>;
  let db: pg.Pool;

  beforeAll(async () => {
    inv = await startTestInventory({ prefix, env: { CUSTOMER_HOLD_TTL_SECONDS: '600' } });
    db = database();
  });
  afterAll(async () => {
    await inv?.service.close();
    await db?.end();
  });

  async function exhaustedEvents(sku: string): Promise<number> {
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM messaging.outbox_event WHERE aggregate_id = $1 AND event_type = 'inventory.sale-allocation.exhausted.v1'`,
      [sku],
    );
    return Number(rows[0]!.n);
  }

  it('200 shoppers race for a 50-unit allocation of a 500-unit SKU: exactly 50 are held, the figures survive a restart', async () => {
    const sku = uniqueSku('SALE');
    await setStock(inv.url, sku, 500);
    const set = await api(inv.url, saleLimitPath(sku), { method: 'PUT', json: { perCustomer: 1, units: 50 }, caller: PRICING });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ sku, perCustomer: 1, units: 50, unitsTaken: 0, unitsRemaining: 50, startsAt: null, endsAt: null });

    const shoppers = Array.from({ length: 200 }, customer);
    const answers = await Promise.all(shoppers.map((who, i) => reserveAs(inv.url, who, `race-${i}-${sku}`, { items: [{ sku, quantity: 1 }] })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 409)).toHaveLength(150);
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body.error).toMatchObject({ code: 'OUT_OF_STOCK', details: { skus: [sku], saleAllocation: 'exhausted' } });
    }
    const totals = await totalsOf(db, sku);
    expect(totals).toMatchObject({ onHand: 500, reserved: 50, committed: 0, heldItems: 50 });
    const level = await api(inv.url, `/api/admin/inventory/${sku}`);
    expect(level.body.onHand).toBe(level.body.available + level.body.reserved + level.body.committed);
    const live = await api(inv.url, saleLimitPath(sku), { caller: PRICING });
    expect(live.body).toMatchObject({ units: 50, unitsTaken: 50, unitsRemaining: 0 });
    expect(await exhaustedEvents(sku)).toBe(1);

    // The per-customer limit still holds: a winner cannot take a second unit, even as the sale frees one.
    const winner = shoppers[statuses.indexOf(201)]!;
    const held = answers[statuses.indexOf(201)]!.body.reservationId as string;
    const loser = shoppers[statuses.indexOf(409)]!;
    const release = await api(inv.url, `/api/inventory/reservations/${held}`, { method: 'DELETE', caller: winner });
    expect(release.status).toBe(200);
    expect((await api(inv.url, saleLimitPath(sku))).body).toMatchObject({ unitsTaken: 49, unitsRemaining: 1 });
    // (Releasing gave the winner's unit back: she may hold it again, but not two.)
    const twice = await reserveAs(inv.url, winner, `again-${sku}`, { items: [{ sku, quantity: 2 }] });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('LIMIT_EXCEEDED');
    expect((await reserveAs(inv.url, loser, `late-${sku}`, { items: [{ sku, quantity: 1 }] })).status).toBe(201);
    expect((await reserveAs(inv.url, customer(), `later-${sku}`, { items: [{ sku, quantity: 1 }] })).status).toBe(409);
    expect(await exhaustedEvents(sku)).toBe(2);
    const before = (await api(inv.url, saleLimitPath(sku))).body;
    expect(before).toMatchObject({ unitsTaken: 50, unitsRemaining: 0 });

    // A restart: the partitions load again and count the same figures from the rows.
    await inv.service.close();
    inv = await startTestInventory({ prefix, env: { CUSTOMER_HOLD_TTL_SECONDS: '600' } });
    const after = await api(inv.url, saleLimitPath(sku));
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before);
    expect((await reserveAs(inv.url, customer(), `restarted-${sku}`, { items: [{ sku, quantity: 1 }] })).status).toBe(409);
    expect(await totalsOf(db, sku)).toMatchObject({ onHand: 500, reserved: 50, heldItems: 50 });
  });

  it('counts committed units; editing the sale keeps them; a cancelled sale frees the SKU and is gone (404)', async () => {
    const sku = uniqueSku('SALE');
    await setStock(inv.url, sku, 20);
    expect((await api(inv.url, saleLimitPath(sku))).status).toBe(404);
    await api(inv.url, saleLimitPath(sku), { method: 'PUT', json: { perCustomer: 5, units: 4 } });
    const bought = await reserveAs(inv.url, { service: 'payments' }, `buy-${sku}`, { items: [{ sku, quantity: 3 }], customerId: randomUUID() });
    expect(bought.status).toBe(201);
    expect((await api(inv.url, `/internal/inventory/reservations/${bought.body.reservationId}/commit`, { method: 'POST' })).status).toBe(200);
    const edited = await api(inv.url, saleLimitPath(sku), { method: 'PUT', json: { perCustomer: 5, units: 5 }, caller: PRICING });
    expect(edited.body).toMatchObject({ units: 5, unitsTaken: 3, unitsRemaining: 2 });
    expect((await reserveAs(inv.url, customer(), `over-${sku}`, { items: [{ sku, quantity: 3 }] })).body.error).toMatchObject({
      code: 'OUT_OF_STOCK',
      details: { saleAllocation: 'exhausted' },
    });

    const cancelled = await api(inv.url, saleLimitPath(sku), { method: 'DELETE', caller: PRICING });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({ sku, removed: true });
    expect((await api(inv.url, saleLimitPath(sku), { caller: PRICING })).status).toBe(404);
    expect((await api(inv.url, saleLimitPath(sku), { method: 'DELETE', caller: PRICING })).status).toBe(404);
    expect((await db.query('SELECT 1 FROM inventory.sale_limit WHERE sku = $1', [sku])).rowCount).toBe(0);
    expect((await reserveAs(inv.url, { service: 'payments' }, `free-${sku}`, { items: [{ sku, quantity: 10 }] })).status).toBe(201);
  });

  it('refuses impossible sale limits with 400 naming the field, and unknown SKUs with 404', async () => {
    const sku = uniqueSku('SALE');
    await setStock(inv.url, sku, 5);
    const bad = await api(inv.url, saleLimitPath(sku), { method: 'PUT', json: { perCustomer: 1, units: 0 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('units');
    expect((await api(inv.url, saleLimitPath(uniqueSku('NONE')), { method: 'PUT', json: { perCustomer: 1, units: 3 } })).status).toBe(404);
    expect((await api(inv.url, saleLimitPath(sku))).status).toBe(404);
  });

  it('sale routes: 401 anonymous, 403 a customer or another service, pricing and admins allowed; nothing changes when refused', async () => {
    const sku = uniqueSku('SALE');
    await setStock(inv.url, sku, 10);
    await api(inv.url, saleLimitPath(sku), { method: 'PUT', json: { perCustomer: 2, units: 5 } });
    const shopper = customer();
    const routes: { method: string; path: string; json?: unknown }[] = [
      { method: 'GET', path: saleLimitPath(sku) },
      { method: 'PUT', path: saleLimitPath(sku), json: { perCustomer: 9, units: 9 } },
      { method: 'DELETE', path: saleLimitPath(sku) },
      { method: 'GET', path: `/api/admin/inventory/${sku}` },
    ];
    for (const { method, path, json } of routes) {
      const attempts: [Record<string, string>, number][] = [
        [{}, 401],
        [identityHeaders(shopper, { method, path }), 403],
        [serviceHeaders('cart'), 403],
        [serviceHeaders('payments'), 403],
      ];
      for (const [headers, status] of attempts) {
        expect({ method, path, status: (await api(inv.url, path, { method, json, caller: null, headers })).status }).toEqual({ method, path, status });
      }
    }
    expect((await db.query('SELECT per_customer, units FROM inventory.sale_limit WHERE sku = $1', [sku])).rows).toEqual([{ per_customer: 2, units: 5 }]);
    // Pricing may read the SKU's figures and the sale, and change or cancel it; an admin too.
    expect((await api(inv.url, `/api/admin/inventory/${sku}`, { caller: PRICING })).status).toBe(200);
    expect((await api(inv.url, saleLimitPath(sku), { caller: PRICING })).status).toBe(200);
    expect((await api(inv.url, saleLimitPath(sku), { method: 'PUT', json: { perCustomer: 3, units: 6 }, caller: PRICING })).body).toMatchObject({ perCustomer: 3, units: 6 });
    expect((await api(inv.url, saleLimitPath(sku), { method: 'DELETE' })).status).toBe(200);
    // Stock changes stay the admins' own.
    expect((await api(inv.url, `/api/admin/inventory/${sku}`, { method: 'PUT', json: { onHand: 99 }, caller: PRICING })).status).toBe(403);
  });
});
