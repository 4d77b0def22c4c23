import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '@shop/contracts';
import { api, database, eventually, reserve, setStock, startTestInventory, totalsOf, uniquePrefix, uniqueSku } from './inventory-harness.js';

describe('reservation expiry', () => {
  const db = database();
  let running: { service: { close(): Promise<void> } }[] = [];

  afterEach(async () => {
    for (const r of running) await r.service.close();
    running = [];
  });

  async function start(options: Parameters<typeof startTestInventory>[0]) {
    const inv = await startTestInventory(options);
    running.push(inv);
    return inv;
  }

  async function expiredEvents(reservationId: string): Promise<number> {
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM messaging.outbox_event WHERE aggregate_id = $1 AND event_type = 'inventory.reservation.expired.v1'`,
      [reservationId],
    );
    return Number(rows[0]!.n);
  }

  it('releases a hold after its TTL through the delayed BullMQ job (sweeper off), and its stock returns', async () => {
    const inv = await start({ env: { EXPIRY_SWEEP_MS: '3600000' } });
    const sku = uniqueSku();
    await setStock(inv.url, sku, 3);
    const res = await reserve(inv.url, `ttl-${sku}`, { items: [{ sku, quantity: 3 }], ttlSeconds: 1 });
    expect(res.status).toBe(201);
    expect((await api(inv.url, `/api/admin/inventory/${sku}`)).body.available).toBe(0);
    await eventually(async () => (await totalsOf(db, sku)).reserved === 0, 20_000, 'the hold to expire');
    expect(await totalsOf(db, sku)).toMatchObject({ onHand: 3, reserved: 0, heldItems: 0 });
    expect((await db.query('SELECT status FROM inventory.reservation WHERE id = $1', [res.body.reservationId])).rows[0].status).toBe('expired');
    expect((await api(inv.url, `/api/admin/inventory/${sku}`)).body.available).toBe(3);
    expect(await expiredEvents(res.body.reservationId)).toBe(1);
  });

  it('expires once in effect however many jobs, sweeps and calls run for it', async () => {
    const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
    const inv = await start({ clock, env: { EXPIRY_SWEEP_MS: '3600000' } });
    const sku = uniqueSku();
    await setStock(inv.url, sku, 4);
    const res = await reserve(inv.url, `twice-${sku}`, { items: [{ sku, quantity: 3 }], ttlSeconds: 60 });
    const partition = inv.service.ownership.partitionOf(sku);
    clock.advance(59_000);
    await inv.service.inventory.expire(partition);
    expect(await totalsOf(db, sku)).toMatchObject({ reserved: 3 });
    clock.advance(1_000);
    const runs = await Promise.all([
      inv.service.inventory.expire(partition),
      inv.service.inventory.expire(partition),
      inv.service.expiry.sweep(),
      api(inv.url, `/internal/inventory/partitions/${partition}/expire`, { method: 'POST', caller: { service: 'inventory' } }),
    ]);
    expect(runs[3]!.status).toBe(200);
    expect(await totalsOf(db, sku)).toMatchObject({ onHand: 4, reserved: 0, heldItems: 0 });
    expect(await expiredEvents(res.body.reservationId)).toBe(1);
    const release = await api(inv.url, `/api/inventory/reservations/${res.body.reservationId}`, { method: 'DELETE' });
    expect(release.body.status).toBe('expired');
    const commit = await api(inv.url, `/internal/inventory/reservations/${res.body.reservationId}/commit`, { method: 'POST' });
    expect(commit.status).toBe(409);
  });

  it('survives a restart: holds made before it expire after it, from what the database says', async () => {
    const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
    const prefix = uniquePrefix();
    const first = await start({ clock, prefix });
    const sku = uniqueSku();
    await setStock(first.url, sku, 5);
    const short = await reserve(first.url, `restart-a-${sku}`, { items: [{ sku, quantity: 2 }], ttlSeconds: 30 });
    const long = await reserve(first.url, `restart-b-${sku}`, { items: [{ sku, quantity: 1 }], ttlSeconds: 600 });
    await first.service.close();
    running = [];

    clock.advance(31_000);
    const second = await start({ clock, prefix });
    await eventually(async () => (await totalsOf(db, sku)).reserved === 1, 15_000, 'the short hold to expire after the restart');
    expect(await totalsOf(db, sku)).toMatchObject({ onHand: 5, reserved: 1, heldItems: 1 });
    const statuses = await db.query<{ id: string; status: string }>('SELECT id, status FROM inventory.reservation WHERE id = ANY($1) ORDER BY id', [
      [short.body.reservationId, long.body.reservationId],
    ]);
    expect(Object.fromEntries(statuses.rows.map((r) => [r.id, r.status]))).toEqual({
      [short.body.reservationId]: 'expired',
      [long.body.reservationId]: 'held',
    });
    // The replay of a key made before the restart still answers the stored reservation.
    const replay = await reserve(second.url, `restart-b-${sku}`, { items: [{ sku, quantity: 1 }], ttlSeconds: 600 });
    expect(replay.body).toEqual(long.body);
    expect(await expiredEvents(short.body.reservationId)).toBe(1);
  });
});
