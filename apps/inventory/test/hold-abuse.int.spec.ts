import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shop/contracts';
import { partitionOf } from '@shop/partitioning';
import type pg from 'pg';
import { Redis } from 'ioredis';
import { createEvent, EventBus } from '@shop/messaging';
import { ProductArchivedV1, ProductCreatedV1, ProductUpdatedV1, type ProductStatus } from '@shop/contracts';
import { testEnv, type TestIdentity } from '@shop/testing';
import { api, database, eventually, reserve, setStock, startTestInventory, totalsOf, uniqueSku } from './inventory-harness.js';

/**
 * Denial of inventory and broken object-level authorization (issue 8, findings 2 and 3), tried as
 * an attacker would against the real service: every refusal is checked from the rows too.
 */

/** A signed-in user as the gateway vouches for them (signed for each request). */
type User = TestIdentity;
const customer = (): User => ({ userId: randomUUID(), role: 'customer' });

function reserveAs(url: string, user: User, key: string, body: unknown) {
  return api(url, '/api/inventory/reservations', { method: 'POST', json: body, headers: { 'idempotency-key': key }, caller: user });
}

function releaseAs(url: string, user: User, id: string) {
  return api(url, `/api/inventory/reservations/${id}`, { method: 'DELETE', caller: user });
}

describe('holds and releases are bounded to their caller', () => {
  const clock = new ManualClock(new Date());
  let inv: Awaited<ReturnType<typeof startTestInventory>>;
  let db: pg.Pool;
  let url: string;

  beforeAll(async () => {
    inv = await startTestInventory({ clock, env: { CUSTOMER_HOLD_TTL_SECONDS: '600', CUSTOMER_HOLD_UNITS_PER_SKU: '5', CUSTOMER_HOLD_UNITS_TOTAL: '8' } });
    url = inv.url;
    db = database();
  });
  afterAll(async () => {
    await inv?.service.close();
    await db?.end();
  });

  async function heldRows(sku: string): Promise<{ status: string; customer_id: string | null }[]> {
    const { rows } = await db.query<{ status: string; customer_id: string | null }>(
      'SELECT status, customer_id FROM inventory.reservation_item WHERE sku = $1 ORDER BY created_at',
      [sku],
    );
    return rows;
  }

  it("refuses to release someone else's reservation with 404, and nothing changes; the owner and an admin may", async () => {
    const sku = uniqueSku('BOLA');
    await setStock(url, sku, 10);
    const ann = customer();
    const mallory = customer();
    const made = await reserveAs(url, ann, `bola-${sku}`, { items: [{ sku, quantity: 2 }] });
    expect(made.status).toBe(201);
    const id = made.body.reservationId as string;

    const stolen = await releaseAs(url, mallory, id);
    expect(stolen.status).toBe(404);
    expect(stolen.body.error.code).toBe('NOT_FOUND');
    expect(await totalsOf(db, sku)).toMatchObject({ reserved: 2, heldItems: 2 });
    expect((await db.query('SELECT status FROM inventory.reservation WHERE id = $1', [id])).rows[0]?.status).toBe('held');

    // Same answer as for an id that does not exist: ids cannot be probed.
    const missing = await releaseAs(url, mallory, `r${partitionOf(sku, 8)}_${randomUUID()}`);
    expect(missing.status).toBe(404);

    const anonymous = await api(url, `/api/inventory/reservations/${id}`, { method: 'DELETE', caller: null });
    expect(anonymous.status).toBe(401);
    expect(await totalsOf(db, sku)).toMatchObject({ reserved: 2, heldItems: 2 });

    expect((await releaseAs(url, ann, id)).status).toBe(200);
    expect(await totalsOf(db, sku)).toMatchObject({ reserved: 0, heldItems: 0 });

    const second = await reserveAs(url, ann, `bola2-${sku}`, { items: [{ sku, quantity: 1 }] });
    const admin = await releaseAs(url, { userId: randomUUID(), role: 'admin' }, second.body.reservationId);
    expect(admin.status).toBe(200);
    expect(await totalsOf(db, sku)).toMatchObject({ reserved: 0, heldItems: 0 });
  });

  it("caps a customer's hold at the customer TTL, whatever ttlSeconds asks", async () => {
    const sku = uniqueSku('TTL');
    await setStock(url, sku, 10);
    const res = await reserveAs(url, customer(), `ttl-${sku}`, { items: [{ sku, quantity: 1 }], ttlSeconds: 86_400 });
    expect(res.status).toBe(201);
    const expiresIn = Date.parse(res.body.expiresAt) - clock.now().getTime();
    expect(expiresIn).toBeLessThanOrEqual(600_000);
    const { rows } = await db.query<{ expires_at: Date }>('SELECT expires_at FROM inventory.reservation WHERE id = $1', [res.body.reservationId]);
    expect(rows[0]!.expires_at.getTime() - clock.now().getTime()).toBeLessThanOrEqual(600_000);
  });

  it('refuses a customer more units of a SKU than the per-SKU bound, or more than the total bound, and holds nothing', async () => {
    const sku = uniqueSku('HOARD');
    await setStock(url, sku, 1000);
    const ann = customer();
    const hoard = await reserveAs(url, ann, `hoard-${sku}`, { items: [{ sku, quantity: 1000 }], ttlSeconds: 86_400 });
    expect(hoard.status).toBe(409);
    expect(hoard.body.error).toMatchObject({ code: 'LIMIT_EXCEEDED', details: [sku] });
    expect(await totalsOf(db, sku)).toMatchObject({ reserved: 0, heldItems: 0 });

    expect((await reserveAs(url, ann, `hoard-a-${sku}`, { items: [{ sku, quantity: 4 }] })).status).toBe(201);
    const over = await reserveAs(url, ann, `hoard-b-${sku}`, { items: [{ sku, quantity: 2 }] });
    expect(over.status).toBe(409);
    expect(await totalsOf(db, sku)).toMatchObject({ reserved: 4, heldItems: 4 });

    // Across SKUs of one partition: 4 held + 5 more would pass 8.
    let other = uniqueSku('HOARD2');
    while (partitionOf(other, 8) !== partitionOf(sku, 8)) other = uniqueSku('HOARD2');
    await setStock(url, other, 100);
    const total = await reserveAs(url, ann, `hoard-c-${sku}`, { items: [{ sku: other, quantity: 5 }] });
    expect(total.status).toBe(409);
    expect(await totalsOf(db, other)).toMatchObject({ reserved: 0, heldItems: 0 });
    // Another customer is not affected.
    expect((await reserveAs(url, customer(), `hoard-d-${sku}`, { items: [{ sku: other, quantity: 5 }] })).status).toBe(201);
  });

  it('counts holds made before a sale-limit window opens in that window', async () => {
    const sku = uniqueSku('EARLY');
    await setStock(url, sku, 100);
    const opens = clock.now().getTime() + 60_000;
    const limit = await api(url, `/api/admin/inventory/${sku}/sale-limit`, {
      method: 'PUT',
      json: { perCustomer: 2, startsAt: new Date(opens).toISOString(), endsAt: new Date(opens + 3_600_000).toISOString() },
    });
    expect(limit.status).toBe(200);
    const ann = customer();
    // Before the window: a customer may hold no more than the limit...
    expect((await reserveAs(url, ann, `early-a-${sku}`, { items: [{ sku, quantity: 2 }] })).status).toBe(201);
    expect((await reserveAs(url, ann, `early-b-${sku}`, { items: [{ sku, quantity: 1 }] })).status).toBe(409);
    // ...and once it opens, what she held early is part of her allowance.
    clock.advance(61_000);
    const inWindow = await reserveAs(url, ann, `early-c-${sku}`, { items: [{ sku, quantity: 1 }] });
    expect(inWindow.status).toBe(409);
    expect(inWindow.body.error.code).toBe('LIMIT_EXCEEDED');
    expect((await heldRows(sku)).map((r) => r.status)).toEqual(['held']);
    expect(await totalsOf(db, sku)).toMatchObject({ reserved: 2, heldItems: 2 });
  });

  it('lets a trusted service (the checkout saga) keep its TTL and quantities for a customer', async () => {
    const sku = uniqueSku('SAGA');
    await setStock(url, sku, 100);
    const res = await reserve(url, `saga-${sku}`, { items: [{ sku, quantity: 50 }], customerId: randomUUID(), ttlSeconds: 3600 });
    expect(res.status).toBe(201);
    expect(Date.parse(res.body.expiresAt) - clock.now().getTime()).toBeGreaterThan(3_000_000);
    expect(await totalsOf(db, sku)).toMatchObject({ reserved: 50, heldItems: 50 });
  });

  it('shows the public a stock level only (the count when low); the full figures are under /api/admin', async () => {
    const sku = uniqueSku('VIEW');
    await setStock(url, sku, 40);
    await reserve(url, `view-${sku}`, { items: [{ sku, quantity: 3 }], customerId: randomUUID() });
    const shopper = await api(url, `/api/inventory/${sku}`);
    expect(shopper.status).toBe(200);
    expect(shopper.body).toEqual({ sku, level: 'in_stock', available: null });
    expect((await api(url, `/api/admin/inventory/${sku}`)).body).toEqual({ sku, onHand: 40, reserved: 3, committed: 0, available: 37 });
    await reserve(url, `view2-${sku}`, { items: [{ sku, quantity: 34 }], customerId: randomUUID() });
    expect((await api(url, `/api/inventory/${sku}`)).body).toEqual({ sku, level: 'low', available: 3 });
    await reserve(url, `view3-${sku}`, { items: [{ sku, quantity: 3 }], customerId: randomUUID() });
    expect((await api(url, `/api/inventory/${sku}`)).body).toEqual({ sku, level: 'sold_out', available: 0 });
  });

  it("refuses to hold a draft or archived product's SKU, learnt from the catalog's events, even for a trusted service", async () => {
    const redis = new Redis(testEnv().redisUrl);
    const bus = new EventBus({ redis, prefix: inv.prefix });
    const productId = randomUUID();
    const sku = uniqueSku('DRAFT');
    const product = (status: ProductStatus, version: number) => ({
      id: productId,
      slug: `p-${productId}`,
      title: 'Unreleased',
      description: '',
      status,
      categoryIds: [],
      images: [],
      variants: [{ id: randomUUID(), sku, title: 'One', attributes: {}, price: { amount: 1000, currency: 'EUR' } }],
      version,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
    const publish = (type: typeof ProductCreatedV1 | typeof ProductUpdatedV1 | typeof ProductArchivedV1, status: ProductStatus, version: number) =>
      bus.publish(createEvent(type, { aggregateId: productId, version, payload: { product: product(status, version) }, source: 'catalog' }));
    try {
      await setStock(url, sku, 50);
      await publish(ProductCreatedV1, 'draft', 1);
      const refused = async (key: string) => (await reserve(url, key, { items: [{ sku, quantity: 1 }], customerId: randomUUID() })).status === 409;
      let attempt = 0;
      await eventually(() => refused(`draft-${sku}-${attempt++}`), 15_000, 'the draft status to reach inventory');
      // (Probes sent before the event arrived may have held a unit: compare with now.)
      const before = await totalsOf(db, sku);
      const asCustomer = await reserveAs(url, customer(), `draft-c-${sku}`, { items: [{ sku, quantity: 1 }] });
      expect(asCustomer.status).toBe(409);
      expect(asCustomer.body.error).toMatchObject({ code: 'SKU_UNAVAILABLE', details: [sku] });
      expect(await totalsOf(db, sku)).toEqual(before);

      await publish(ProductUpdatedV1, 'active', 2);
      await eventually(async () => (await reserve(url, `active-${sku}-${attempt++}`, { items: [{ sku, quantity: 1 }] })).status === 201, 15_000, 'activation');
      // An older event arriving late changes nothing; archiving stops holds again.
      await publish(ProductUpdatedV1, 'draft', 1);
      await publish(ProductArchivedV1, 'archived', 3);
      await eventually(() => refused(`archived-${sku}-${attempt++}`), 15_000, 'the archived status to reach inventory');
      const { rows } = await db.query('SELECT status, product_version FROM inventory.sku_status WHERE sku = $1', [sku]);
      expect(rows).toEqual([{ status: 'archived', product_version: 3 }]);
    } finally {
      redis.disconnect();
    }
  });

  it("answers a reservation's status to its owner (and an admin) only: someone else's 404, anonymous 401, a malformed id 400", async () => {
    const sku = uniqueSku('VIEW');
    await setStock(url, sku, 10);
    const ann = customer();
    const mallory = customer();
    const made = await reserveAs(url, ann, `view-${sku}`, { items: [{ sku, quantity: 1 }] });
    expect(made.status).toBe(201);
    const id = made.body.reservationId as string;
    const path = `/api/inventory/reservations/${id}`;

    const mine = await api(url, path, { caller: ann });
    expect(mine.status).toBe(200);
    // Who holds it is not answered.
    expect(mine.body).toEqual({ reservationId: id, status: 'held', items: [{ sku, quantity: 1 }], expiresAt: made.body.expiresAt });
    expect((await api(url, path, { caller: { userId: randomUUID(), role: 'admin' } })).body.status).toBe('held');

    const theirs = await api(url, path, { caller: mallory });
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('NOT_FOUND');
    // Same answer as for an id that does not exist.
    expect((await api(url, `/api/inventory/reservations/r${partitionOf(sku, 8)}_${randomUUID()}`, { caller: ann })).status).toBe(404);
    expect((await api(url, path, { caller: null })).status).toBe(401);
    const malformed = await api(url, '/api/inventory/reservations/not-an-id', { caller: ann });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body.error)).toContain('id');

    expect((await releaseAs(url, ann, id)).status).toBe(200);
    expect((await api(url, path, { caller: ann })).body).toMatchObject({ reservationId: id, status: 'released' });

    const lapsing = await reserveAs(url, ann, `view2-${sku}`, { items: [{ sku, quantity: 1 }] });
    expect(lapsing.status).toBe(201);
    clock.advance(Date.parse(lapsing.body.expiresAt) - clock.now().getTime() + 1_000);
    expect((await api(url, `/api/inventory/reservations/${lapsing.body.reservationId}`, { caller: ann })).body).toMatchObject({ status: 'expired' });
  });
});
