import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { partitionOf } from '@shop/partitioning';
import { serviceHeaders } from '@shop/testing';
import { api, database, eventually, instanceIdsOwning, reserve, setStock, startTestInventory, totalsOf, uniquePrefix, uniqueSku } from './inventory-harness.js';

type Instance = Awaited<ReturnType<typeof startTestInventory>>;

/**
 * Two instances in one process, sharing the registry: the partition dispatcher runs a command on
 * the local actor or on the owner over the typed peer client, and the multi-partition
 * reservation's saga steps hold on the other instance and compensate there.
 */
describe('partition dispatch between two instances', () => {
  let a: Instance;
  let b: Instance;
  let db: pg.Pool;
  const P = 8;

  beforeAll(async () => {
    const prefix = uniquePrefix();
    // Ids that split the partitions between the two (random ones leave one with none in ≈ 0.8 % of runs).
    const [idA, idB] = instanceIdsOwning(P, 1, ['dispatch-a', 'dispatch-b']);
    a = await startTestInventory({ prefix, env: { INSTANCE_ID: idA! } });
    b = await startTestInventory({ prefix, env: { INSTANCE_ID: idB! } });
    db = database();
    // Both serve some partitions, and every partition is ready on exactly one of them.
    await eventually(
      async () => {
        const mine = a.service.ownership.owned();
        const theirs = b.service.ownership.owned();
        const ready = [...a.service.manager.all(), ...b.service.manager.all()].filter((x) => x.isReady).length;
        return mine.length > 0 && theirs.length > 0 && mine.length + theirs.length === P && ready === P;
      },
      20_000,
      'partitions split between the two instances',
    );
  }, 60_000);
  afterAll(async () => {
    await b?.service.close();
    await a?.service.close();
    await db?.end();
  });

  /** A fresh SKU whose partition the given instance serves. */
  function skuOn(instance: Instance, tag: string): string {
    const owned = new Set(instance.service.ownership.owned());
    for (;;) {
      const sku = uniqueSku(tag);
      if (owned.has(partitionOf(sku, P))) return sku;
    }
  }

  it('holds the other instance’s items over the peer client, and releases them there with the reservation', async () => {
    const [mine, theirs] = [skuOn(a, 'DISP-A'), skuOn(b, 'DISP-B')];
    await setStock(a.url, mine, 5);
    await setStock(a.url, theirs, 5); // forwarded to b
    // Sent to b: the coordinating partition (the first item's) is a's, so b forwards it once.
    const held = await reserve(b.url, `disp-${mine}`, { items: [{ sku: mine, quantity: 1 }, { sku: theirs, quantity: 2 }] });
    expect(held.status).toBe(201);
    expect(held.body.reservationId.startsWith(`r${partitionOf(mine, P)}_`)).toBe(true);
    expect(await totalsOf(db, theirs)).toMatchObject({ reserved: 2, heldItems: 2 });

    const released = await api(b.url, `/api/inventory/reservations/${held.body.reservationId}`, { method: 'DELETE' });
    expect(released.status).toBe(200);
    expect(released.body).toEqual({ reservationId: held.body.reservationId, status: 'released' });
    expect(await totalsOf(db, mine)).toMatchObject({ reserved: 0, heldItems: 0 });
    expect(await totalsOf(db, theirs)).toMatchObject({ reserved: 0, heldItems: 0 });
  });

  it('a refusal by the coordinator compensates the holds already made on the other instance', async () => {
    const [mine, theirs] = [skuOn(a, 'DISP-A'), skuOn(b, 'DISP-B')];
    await setStock(a.url, mine, 0);
    await setStock(b.url, theirs, 5);
    const refused = await reserve(a.url, `disp-${mine}`, { items: [{ sku: mine, quantity: 1 }, { sku: theirs, quantity: 1 }] });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'OUT_OF_STOCK', details: [mine] });
    await eventually(async () => (await totalsOf(db, theirs)).reserved === 0, 5_000, 'the participant hold released');
    expect(await totalsOf(db, theirs)).toMatchObject({ onHand: 5, reserved: 0, heldItems: 0 });
  });

  it('a participant’s refusal on the other instance is the answer, and nothing stays held', async () => {
    const [mine, theirs] = [skuOn(a, 'DISP-A'), skuOn(b, 'DISP-B')];
    await setStock(a.url, mine, 5);
    await setStock(b.url, theirs, 1);
    const refused = await reserve(a.url, `disp-${theirs}`, { items: [{ sku: mine, quantity: 1 }, { sku: theirs, quantity: 2 }] });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'OUT_OF_STOCK', details: [theirs] });
    expect(await totalsOf(db, mine)).toMatchObject({ reserved: 0, heldItems: 0 });
    expect(await totalsOf(db, theirs)).toMatchObject({ reserved: 0, heldItems: 0 });
  });

  it('forwards once: a forwarded request for a partition served elsewhere, or a peer call to the wrong instance, answers 503 with a retry hint', async () => {
    const theirs = skuOn(b, 'DISP-B');
    await setStock(b.url, theirs, 5);
    const hopped = await api(a.url, `/api/admin/inventory/${theirs}/adjustments`, {
      method: 'POST',
      json: { delta: 1, reason: 'recount' },
      headers: { 'x-inventory-hop': '1' },
    });
    expect(hopped.status).toBe(503);
    expect(hopped.body.error.code).toBe('PARTITION_UNAVAILABLE');
    expect(hopped.headers.get('retry-after')).toBe('1');

    const partition = partitionOf(theirs, P);
    const hold = await api(a.url, `/internal/inventory/partitions/${partition}/holds`, {
      method: 'POST',
      json: { reservationId: `r${partition}_9b2f0c4e-6d0a-4c8e-9a51-2f3c1d7e8a90`, items: [{ sku: theirs, quantity: 1 }], customerId: null, expiresAt: Date.now() + 60_000, bounds: null },
      caller: null,
      headers: serviceHeaders('inventory'),
    });
    expect(hold.status).toBe(503);
    expect(hold.body.error.code).toBe('PARTITION_UNAVAILABLE');
    expect(await totalsOf(db, theirs)).toMatchObject({ onHand: 5, reserved: 0 });
  });

  it("forwards a flash sale's configuration and reads to the owner; a hold swap sent to the other instance is decided by the owner", async () => {
    const sku = skuOn(a, 'DISP-SALE');
    await setStock(b.url, sku, 10);
    const pricing = { service: 'pricing' };
    const limitPath = `/api/admin/inventory/${sku}/sale-limit`;
    const set = await api(b.url, limitPath, { method: 'PUT', json: { perCustomer: 2, units: 3 }, caller: pricing });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ units: 3, unitsTaken: 0, unitsRemaining: 3 });
    const customerId = 'c-disp-sale';
    const hold = await reserve(b.url, `disp-sale-${sku}`, { items: [{ sku, quantity: 1 }], customerId });
    expect(hold.status).toBe(201);
    expect((await api(b.url, limitPath, { caller: pricing })).body).toMatchObject({ unitsTaken: 1, unitsRemaining: 2 });
    // Checkout's swap, sent to the instance that does not own the partition.
    const swapped = await reserve(b.url, `disp-swap-${sku}`, { items: [{ sku, quantity: 2 }], customerId, replaces: hold.body.reservationId });
    expect(swapped.status).toBe(201);
    const read = await api(b.url, `/internal/inventory/reservations/${hold.body.reservationId}`);
    expect(read.body).toMatchObject({ status: 'released', customerId });
    expect((await api(b.url, limitPath, { caller: pricing })).body).toMatchObject({ unitsTaken: 2, unitsRemaining: 1 });
    expect(await totalsOf(db, sku)).toMatchObject({ reserved: 2, heldItems: 2 });
    expect((await api(b.url, limitPath, { method: 'DELETE', caller: pricing })).status).toBe(200);
    expect((await api(a.url, limitPath, { caller: pricing })).status).toBe(404);
  });
});
