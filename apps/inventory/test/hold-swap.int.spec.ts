import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { partitionOf } from '@shop/partitioning';
import { identityHeaders, serviceHeaders, type TestIdentity } from '@shop/testing';
import { api, database, retryingPassing, setStock, startTestInventory, totalsOf, uniqueSku, type TestCaller } from './inventory-harness.js';

/**
 * "Buy now" on a sale page (issue 10): the shopper holds a unit at once, then checkout turns that
 * hold into its reservation (`replaces`) without letting the unit go to anyone else and without
 * counting it twice against the shopper's limit.
 */
const customer = (): TestIdentity => ({ userId: randomUUID(), role: 'customer' });
const CHECKOUT: TestCaller = { service: 'payments' };

/** A reservation, sent again with its key while the partition answers 503 (as clients do). */
function reserveAs(url: string, caller: TestCaller, key: string, body: unknown) {
  return retryingPassing(() => api(url, '/api/inventory/reservations', { method: 'POST', json: body, headers: { 'idempotency-key': key }, caller }));
}

describe('a hold swap', () => {
  let inv: Awaited<ReturnType<typeof startTestInventory>>;
  let db: pg.Pool;
  /** A request to the running instance, sent again while answered 503 (see retryingPassing). */
  const call = (path: string, init: Parameters<typeof api>[2] = {}) => retryingPassing(() => api(inv.url, path, init));

  beforeAll(async () => {
    inv = await startTestInventory({ env: { CUSTOMER_HOLD_TTL_SECONDS: '600' } });
    db = database();
  });
  afterAll(async () => {
    await inv?.service.close();
    await db?.end();
  });

  async function statusOf(id: string): Promise<string | undefined> {
    return (await db.query<{ status: string }>('SELECT status FROM inventory.reservation WHERE id = $1', [id])).rows[0]?.status;
  }

  it('under concurrency: every holder checks out their unit while newcomers race for the sale; nothing oversold or counted twice', async () => {
    const sku = uniqueSku('SWAP');
    await setStock(inv.url, sku, 100);
    await call(`/api/admin/inventory/${sku}/sale-limit`, { method: 'PUT', json: { perCustomer: 1, units: 20 } });
    const holders = Array.from({ length: 20 }, customer);
    const holds = await Promise.all(holders.map((who, i) => reserveAs(inv.url, who, `buy-now-${i}-${sku}`, { items: [{ sku, quantity: 1 }] })));
    expect(holds.map((h) => h.status)).toEqual(holders.map(() => 201));
    expect((await call(`/api/admin/inventory/${sku}/sale-limit`)).body).toMatchObject({ unitsTaken: 20, unitsRemaining: 0 });

    // Each holder's checkout swaps the hold while 40 newcomers try to grab the units it frees.
    const swaps = holders.map((who, i) =>
      reserveAs(inv.url, CHECKOUT, `checkout-${i}-${sku}`, {
        items: [{ sku, quantity: 1 }],
        customerId: who.userId,
        ttlSeconds: 900,
        limitKeys: [`card:${'c'.repeat(8)}${i}`],
        replaces: holds[i]!.body.reservationId,
      }),
    );
    const newcomers = Array.from({ length: 40 }, (_, i) => reserveAs(inv.url, customer(), `grab-${i}-${sku}`, { items: [{ sku, quantity: 1 }] }));
    // A holder trying a second, plain hold meanwhile is still at her limit.
    const greedy = reserveAs(inv.url, holders[0]!, `greedy-${sku}`, { items: [{ sku, quantity: 1 }] });
    const [swapped, grabbed, second] = await Promise.all([Promise.all(swaps), Promise.all(newcomers), greedy]);
    expect(swapped.map((r) => r.status)).toEqual(holders.map(() => 201));
    expect(grabbed.map((r) => r.status)).toEqual(grabbed.map(() => 409));
    expect(second.status).toBe(409);

    for (const h of holds) expect(await statusOf(h.body.reservationId)).toBe('released');
    for (const r of swapped) expect(await statusOf(r.body.reservationId)).toBe('held');
    const totals = await totalsOf(db, sku);
    expect(totals).toMatchObject({ onHand: 100, reserved: 20, committed: 0, heldItems: 20 });
    const level = (await call(`/api/admin/inventory/${sku}`)).body;
    expect(level.onHand).toBe(level.available + level.reserved + level.committed);
    expect((await call(`/api/admin/inventory/${sku}/sale-limit`)).body).toMatchObject({ unitsTaken: 20, unitsRemaining: 0 });
    const replacedEvents = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM messaging.outbox_event WHERE event_type = 'inventory.reservation.released.v1' AND envelope->'payload'->>'replacedBy' = ANY($1)`,
      [swapped.map((r) => r.body.reservationId)],
    );
    expect(Number(replacedEvents.rows[0]!.n)).toBe(20);
    // Checkout sells them.
    for (const r of swapped) expect((await call(`/internal/inventory/reservations/${r.body.reservationId}/commit`, { method: 'POST' })).status).toBe(200);
    expect(await totalsOf(db, sku)).toMatchObject({ onHand: 100, reserved: 0, committed: 20, committedItems: 20 });
  });

  it('two checkouts racing to replace one hold: exactly one wins; a refused swap leaves the hold as it was', async () => {
    const sku = uniqueSku('SWAP');
    await setStock(inv.url, sku, 3);
    await call(`/api/admin/inventory/${sku}/sale-limit`, { method: 'PUT', json: { perCustomer: 2, units: 2 } });
    const ann = customer();
    const hold = await reserveAs(inv.url, ann, `hold-${sku}`, { items: [{ sku, quantity: 1 }] });
    const id = hold.body.reservationId as string;
    const body = { items: [{ sku, quantity: 1 }], customerId: ann.userId, replaces: id };
    const race = await Promise.all(Array.from({ length: 6 }, (_, i) => reserveAs(inv.url, CHECKOUT, `race-${i}-${sku}`, body)));
    expect(race.filter((r) => r.status === 201)).toHaveLength(1);
    for (const lost of race.filter((r) => r.status !== 201)) {
      expect(lost.status).toBe(409);
      expect(lost.body.error).toMatchObject({ code: 'RESERVATION_NOT_HELD', details: { reservationId: id, reason: 'not_held', status: 'released' } });
    }
    expect(await totalsOf(db, sku)).toMatchObject({ reserved: 1, heldItems: 1 });

    // A swap the stock or the sale cannot give: refused, and the winner's hold is untouched.
    const winner = race.find((r) => r.status === 201)!.body.reservationId as string;
    const tooMany = await reserveAs(inv.url, CHECKOUT, `more-${sku}`, { items: [{ sku, quantity: 3 }], customerId: ann.userId, replaces: winner });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.code).toBe('LIMIT_EXCEEDED');
    expect(await statusOf(winner)).toBe('held');
    expect(await totalsOf(db, sku)).toMatchObject({ reserved: 1, heldItems: 1 });
  });

  it("refuses another customer's hold, one in another partition, and a shopper naming `replaces`", async () => {
    const sku = uniqueSku('SWAP');
    await setStock(inv.url, sku, 10);
    let other = uniqueSku('SWAP2');
    while (partitionOf(other, inv.config.partitions) === partitionOf(sku, inv.config.partitions)) other = uniqueSku('SWAP2');
    await setStock(inv.url, other, 10);
    const ann = customer();
    const hold = await reserveAs(inv.url, ann, `hold-${sku}`, { items: [{ sku, quantity: 1 }] });
    const id = hold.body.reservationId as string;

    const bobs = await reserveAs(inv.url, CHECKOUT, `bob-${sku}`, { items: [{ sku, quantity: 1 }], customerId: randomUUID(), replaces: id });
    expect(bobs.status).toBe(409);
    expect(bobs.body.error).toMatchObject({ code: 'RESERVATION_NOT_HELD', details: { reason: 'other_customer' } });
    const wrongFirst = await reserveAs(inv.url, CHECKOUT, `far-${sku}`, {
      items: [{ sku: other, quantity: 1 }, { sku, quantity: 1 }],
      customerId: ann.userId,
      replaces: id,
    });
    expect(wrongFirst.status).toBe(409);
    expect(wrongFirst.body.error).toMatchObject({ code: 'RESERVATION_NOT_HELD', details: { reason: 'other_partition' } });
    const byShopper = await reserveAs(inv.url, ann, `self-${sku}`, { items: [{ sku, quantity: 1 }], replaces: id });
    expect(byShopper.status).toBe(403);
    expect(await statusOf(id)).toBe('held');
    expect(await totalsOf(db, sku)).toMatchObject({ reserved: 1, heldItems: 1 });
    expect(await totalsOf(db, other)).toMatchObject({ reserved: 0, heldItems: 0 });

    // Its SKU first, other partitions after: the swap spans partitions for the new items.
    const spread = await reserveAs(inv.url, CHECKOUT, `spread-${sku}`, {
      items: [{ sku, quantity: 1 }, { sku: other, quantity: 2 }],
      customerId: ann.userId,
      replaces: id,
    });
    expect(spread.status).toBe(201);
    expect(await statusOf(id)).toBe('released');
    expect(await totalsOf(db, sku)).toMatchObject({ reserved: 1, heldItems: 1 });
    expect(await totalsOf(db, other)).toMatchObject({ reserved: 2, heldItems: 2 });
  });

  it('GET /internal/inventory/reservations/:id: the record for checkout; 401 anonymous or a user, 403 another service, 404 unknown', async () => {
    const sku = uniqueSku('SWAP');
    await setStock(inv.url, sku, 10);
    const ann = customer();
    const hold = await reserveAs(inv.url, ann, `hold-${sku}`, { items: [{ sku, quantity: 2 }] });
    const path = `/internal/inventory/reservations/${hold.body.reservationId}`;
    const read = await call(path, { caller: CHECKOUT });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      reservationId: hold.body.reservationId,
      customerId: ann.userId,
      status: 'held',
      items: [{ sku, quantity: 2 }],
      expiresAt: hold.body.expiresAt,
    });
    const attempts: [Record<string, string>, number][] = [
      [{}, 401],
      [identityHeaders(ann, { method: 'GET', path }), 401],
      [serviceHeaders('cart'), 403],
      [serviceHeaders('pricing'), 403],
    ];
    for (const [headers, status] of attempts) expect((await call(path, { caller: null, headers })).status).toBe(status);
    const missing = `/internal/inventory/reservations/r${partitionOf(sku, inv.config.partitions)}_${randomUUID()}`;
    expect((await call(missing, { caller: CHECKOUT })).status).toBe(404);
    expect((await call('/internal/inventory/reservations/not-an-id', { caller: CHECKOUT })).status).toBe(400);
  });
});
