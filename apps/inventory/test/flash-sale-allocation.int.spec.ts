import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shop/contracts';
import type pg from 'pg';
import { identityHeaders, serviceHeaders, type TestIdentity } from '@shop/testing';
import { api, database, eventually, retryingPassing, setStock, startTestInventory, totalsOf, uniquePrefix, uniqueSku, type TestCaller } from './inventory-harness.js';

/**
 * A flash sale's allocation (issue 10): the engine sells at most `units` of a SKU in the sale,
 * however many shoppers race for it, counts them again exactly after a restart, and answers its
 * live figures to the pricing service that configures it.
 */
const customer = (): TestIdentity => ({ userId: randomUUID(), role: 'customer' });
const PRICING: TestCaller = { service: 'pricing' };

/** A reservation, sent again with its key while the partition answers 503 (as clients do). */
function reserveAs(url: string, caller: TestCaller, key: string, body: unknown) {
  return retryingPassing(() => api(url, '/api/inventory/reservations', { method: 'POST', json: body, headers: { 'idempotency-key': key }, caller }));
}

const saleLimitPath = (sku: string) => `/api/admin/inventory/${sku}/sale-limit`;

describe("a flash sale's allocation", () => {
  const prefix = uniquePrefix();
  let inv: Awaited<ReturnType<typeof startTestInventory>>;
  let db: pg.Pool;
  /** A request to the running instance, sent again while answered 503 (see retryingPassing). */
  const call = (path: string, init: Parameters<typeof api>[2] = {}) => retryingPassing(() => api(inv.url, path, init));

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
    const set = await call(saleLimitPath(sku), { method: 'PUT', json: { perCustomer: 1, units: 50 }, caller: PRICING });
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
    const level = await call(`/api/admin/inventory/${sku}`);
    expect(level.body.onHand).toBe(level.body.available + level.body.reserved + level.body.committed);
    const live = await call(saleLimitPath(sku), { caller: PRICING });
    expect(live.body).toMatchObject({ units: 50, unitsTaken: 50, unitsRemaining: 0 });
    expect(await exhaustedEvents(sku)).toBe(1);

    // The per-customer limit still holds: a winner cannot take a second unit, even as the sale frees one.
    const winner = shoppers[statuses.indexOf(201)]!;
    const held = answers[statuses.indexOf(201)]!.body.reservationId as string;
    const loser = shoppers[statuses.indexOf(409)]!;
    const release = await call(`/api/inventory/reservations/${held}`, { method: 'DELETE', caller: winner });
    expect(release.status).toBe(200);
    expect((await call(saleLimitPath(sku))).body).toMatchObject({ unitsTaken: 49, unitsRemaining: 1 });
    // (Releasing gave the winner's unit back: she may hold it again, but not two.)
    const twice = await reserveAs(inv.url, winner, `again-${sku}`, { items: [{ sku, quantity: 2 }] });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('LIMIT_EXCEEDED');
    expect((await reserveAs(inv.url, loser, `late-${sku}`, { items: [{ sku, quantity: 1 }] })).status).toBe(201);
    expect((await reserveAs(inv.url, customer(), `later-${sku}`, { items: [{ sku, quantity: 1 }] })).status).toBe(409);
    expect(await exhaustedEvents(sku)).toBe(2);
    const before = (await call(saleLimitPath(sku))).body;
    expect(before).toMatchObject({ unitsTaken: 50, unitsRemaining: 0 });

    // A restart: the partitions load again and count the same figures from the rows.
    await inv.service.close();
    inv = await startTestInventory({ prefix, env: { CUSTOMER_HOLD_TTL_SECONDS: '600' } });
    const after = await call(saleLimitPath(sku));
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before);
    expect((await reserveAs(inv.url, customer(), `restarted-${sku}`, { items: [{ sku, quantity: 1 }] })).status).toBe(409);
    expect(await totalsOf(db, sku)).toMatchObject({ onHand: 500, reserved: 50, heldItems: 50 });
  });

  it('counts committed units; editing the sale keeps them; a cancelled sale frees the SKU and is gone (404)', async () => {
    const sku = uniqueSku('SALE');
    await setStock(inv.url, sku, 20);
    expect((await call(saleLimitPath(sku))).status).toBe(404);
    await call(saleLimitPath(sku), { method: 'PUT', json: { perCustomer: 5, units: 4 } });
    const bought = await reserveAs(inv.url, { service: 'payments' }, `buy-${sku}`, { items: [{ sku, quantity: 3 }], customerId: randomUUID() });
    expect(bought.status).toBe(201);
    expect((await call(`/internal/inventory/reservations/${bought.body.reservationId}/commit`, { method: 'POST' })).status).toBe(200);
    const edited = await call(saleLimitPath(sku), { method: 'PUT', json: { perCustomer: 5, units: 5 }, caller: PRICING });
    expect(edited.body).toMatchObject({ units: 5, unitsTaken: 3, unitsRemaining: 2 });
    expect((await reserveAs(inv.url, customer(), `over-${sku}`, { items: [{ sku, quantity: 3 }] })).body.error).toMatchObject({
      code: 'OUT_OF_STOCK',
      details: { saleAllocation: 'exhausted' },
    });

    const cancelled = await call(saleLimitPath(sku), { method: 'DELETE', caller: PRICING });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({ sku, removed: true });
    expect((await call(saleLimitPath(sku), { caller: PRICING })).status).toBe(404);
    expect((await call(saleLimitPath(sku), { method: 'DELETE', caller: PRICING })).status).toBe(404);
    expect((await db.query('SELECT 1 FROM inventory.sale_limit WHERE sku = $1', [sku])).rowCount).toBe(0);
    expect((await reserveAs(inv.url, { service: 'payments' }, `free-${sku}`, { items: [{ sku, quantity: 10 }] })).status).toBe(201);
  });

  it('refuses impossible sale limits with 400 naming the field, and unknown SKUs with 404', async () => {
    const sku = uniqueSku('SALE');
    await setStock(inv.url, sku, 5);
    const bad = await call(saleLimitPath(sku), { method: 'PUT', json: { perCustomer: 1, units: 0 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('units');
    expect((await call(saleLimitPath(uniqueSku('NONE')), { method: 'PUT', json: { perCustomer: 1, units: 3 } })).status).toBe(404);
    expect((await call(saleLimitPath(sku))).status).toBe(404);
  });

  it('sale routes: 401 anonymous, 403 a customer or another service (payments may only read a limit), pricing and admins allowed; nothing changes when refused', async () => {
    const sku = uniqueSku('SALE');
    await setStock(inv.url, sku, 10);
    await call(saleLimitPath(sku), { method: 'PUT', json: { perCustomer: 2, units: 5 } });
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
        // Payments reads a SKU's sale limit (a guest may not buy a limited SKU); it changes none.
        [serviceHeaders('payments'), method === 'GET' && path === saleLimitPath(sku) ? 200 : 403],
      ];
      for (const [headers, status] of attempts) {
        expect({ method, path, status: (await call(path, { method, json, caller: null, headers })).status }).toEqual({ method, path, status });
      }
    }
    expect((await db.query('SELECT per_customer, units FROM inventory.sale_limit WHERE sku = $1', [sku])).rows).toEqual([{ per_customer: 2, units: 5 }]);
    // Pricing may read the SKU's figures and the sale, and change or cancel it; an admin too.
    expect((await call(`/api/admin/inventory/${sku}`, { caller: PRICING })).status).toBe(200);
    expect((await call(saleLimitPath(sku), { caller: PRICING })).status).toBe(200);
    expect((await call(saleLimitPath(sku), { method: 'PUT', json: { perCustomer: 3, units: 6 }, caller: PRICING })).body).toMatchObject({ perCustomer: 3, units: 6 });
    expect((await call(saleLimitPath(sku), { method: 'DELETE' })).status).toBe(200);
    // Stock changes stay the admins' own.
    expect((await call(`/api/admin/inventory/${sku}`, { method: 'PUT', json: { onHand: 99 }, caller: PRICING })).status).toBe(403);
  });
});

describe("a flash sale's window, on the engine's clock", () => {
  const clock = new ManualClock(new Date('2026-12-05T11:00:00Z'));
  let inv: Awaited<ReturnType<typeof startTestInventory>>;
  const call = (path: string, init: Parameters<typeof api>[2] = {}) => retryingPassing(() => api(inv.url, path, init));
  const hold = (who: TestIdentity, key: string, quantity = 1) =>
    retryingPassing(() => api(inv.url, '/api/inventory/reservations', { method: 'POST', json: { items: [{ sku, quantity }] }, headers: { 'idempotency-key': key }, caller: who }));
  const sku = uniqueSku('WINDOW');

  beforeAll(async () => {
    inv = await startTestInventory({ clock, env: { CUSTOMER_HOLD_TTL_SECONDS: '600', EXPIRY_SWEEP_MS: '100' } });
  });
  afterAll(async () => {
    await inv?.service.close();
  });

  it('holds made before the window that last into it count and are capped; after the window the SKU sells as before', async () => {
    await setStock(inv.url, sku, 100);
    const opens = clock.now().getTime() + 5 * 60_000;
    const closes = opens + 60 * 60_000;
    const set = await call(saleLimitPath(sku), {
      method: 'PUT',
      json: { perCustomer: 2, units: 3, startsAt: new Date(opens).toISOString(), endsAt: new Date(closes).toISOString() },
      caller: PRICING,
    });
    expect(set.body).toMatchObject({ unitsTaken: 0, unitsRemaining: 3 });
    // 5 minutes before the window, holds lasting 10 minutes are the sale's.
    expect((await hold(customer(), `early-1-${sku}`, 2)).status).toBe(201);
    expect((await hold(customer(), `early-2-${sku}`)).status).toBe(201);
    const early = await hold(customer(), `early-3-${sku}`);
    expect(early.body.error).toMatchObject({ code: 'OUT_OF_STOCK', details: { saleAllocation: 'exhausted' } });
    expect((await call(saleLimitPath(sku))).body).toMatchObject({ unitsTaken: 3, unitsRemaining: 0 });

    // The early holds lapse inside the window: their units come back to the sale.
    clock.advance(10 * 60_000 + 1);
    await eventually(async () => (await call(saleLimitPath(sku))).body.unitsTaken === 0, 15_000, 'the early holds to expire');
    const bought = await hold(customer(), `open-1-${sku}`, 2);
    expect(bought.status).toBe(201);
    expect((await call(saleLimitPath(sku))).body).toMatchObject({ unitsTaken: 2, unitsRemaining: 1 });
    expect((await call(`/internal/inventory/reservations/${bought.body.reservationId}/commit`, { method: 'POST', caller: { service: 'payments' } })).status).toBe(200);

    // After the window: no cap, and what is held now does not count (what was sold in it still does).
    clock.advance(closes - clock.now().getTime());
    expect((await hold(customer(), `after-${sku}`, 5)).status).toBe(201);
    expect((await call(saleLimitPath(sku))).body).toMatchObject({ unitsTaken: 2 });
  });
});

