import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitionOf } from '@shop/partitioning';
import type pg from 'pg';
import { api, database, reserve, setStock, startTestInventory, totalsOf, uniqueSku } from './inventory-harness.js';

/** SKUs that fall in pairwise different partitions (so a reservation spans partitions). */
function skusInDistinctPartitions(count: number, partitions: number): string[] {
  const seen = new Set<number>();
  const skus: string[] = [];
  while (skus.length < count) {
    const sku = uniqueSku('M');
    const p = partitionOf(sku, partitions);
    if (!seen.has(p)) {
      seen.add(p);
      skus.push(sku);
    }
  }
  return skus;
}

describe('inventory API (one instance, real Postgres and Redis)', () => {
  let inv: Awaited<ReturnType<typeof startTestInventory>>;
  let db: pg.Pool;
  let url: string;

  beforeAll(async () => {
    inv = await startTestInventory();
    url = inv.url;
    db = database();
  });
  afterAll(async () => {
    await inv?.service.close();
    await db?.end();
  });

  it('sets stock, adjusts it with a reason, and records both in the ledger', async () => {
    const sku = uniqueSku();
    const set = await api(url, `/api/admin/inventory/${sku}`, { method: 'PUT', json: { onHand: 10, reason: 'initial count' } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ sku, onHand: 10, reserved: 0, committed: 0, available: 10 });
    const adjust = await api(url, `/api/admin/inventory/${sku}/adjustments`, { method: 'POST', json: { delta: -3, reason: 'damaged in transit' } });
    expect(adjust.status).toBe(200);
    expect(adjust.body.onHand).toBe(7);
    expect((await api(url, `/api/admin/inventory/${sku}`)).body).toEqual({ sku, onHand: 7, reserved: 0, committed: 0, available: 7 });
    const ledger = await api(url, `/api/admin/inventory/${sku}/ledger`);
    expect(ledger.body.map((e: { delta: number; kind: string; reason: string | null; onHandAfter: number }) => [e.kind, e.delta, e.onHandAfter, e.reason])).toEqual([
      ['adjust', -3, 7, 'damaged in transit'],
      ['set', 10, 10, 'initial count'],
    ]);
    const noReason = await api(url, `/api/admin/inventory/${sku}/adjustments`, { method: 'POST', json: { delta: 2 } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details).toEqual([{ field: 'reason', reason: 'is required' }]);
  });

  it('answers 404 for an unknown SKU, on reads, adjustments and reservations', async () => {
    const sku = uniqueSku('NONE');
    const read = await api(url, `/api/inventory/${sku}`);
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe('NOT_FOUND');
    expect((await api(url, `/api/admin/inventory/${sku}/adjustments`, { method: 'POST', json: { delta: 1, reason: 'x' } })).status).toBe(404);
    const res = await reserve(url, `k-${sku}`, { items: [{ sku, quantity: 1 }] });
    expect(res.status).toBe(404);
    expect(res.body.error.details).toEqual([sku]);
  });

  it('validates: Idempotency-Key required, quantity a positive integer, unknown fields refused — every field named', async () => {
    const sku = uniqueSku();
    const noKey = await api(url, '/api/inventory/reservations', { method: 'POST', json: { items: [{ sku, quantity: 1 }] } });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'Idempotency-Key', reason: 'is required' }] });
    const bad = await reserve(url, 'k-bad', { items: [{ sku, quantity: 0 }, { sku: 'B-1', quantity: 1.5 }], colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'items.0.quantity', reason: 'must be at least 1' },
        { field: 'items.1.quantity', reason: 'must be an integer' },
        { field: 'colour', reason: 'is not allowed' },
      ]),
    );
    const both = await api(url, '/api/inventory/reservations', { method: 'POST', json: { items: [] } });
    expect(both.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['Idempotency-Key', 'items']);
    const malformed = await api(url, '/api/inventory/reservations', {
      method: 'POST',
      body: '{"items": [',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('BAD_REQUEST');
    expect((await api(url, '/api/admin/inventory/x', { method: 'PUT', json: { onHand: -1 } })).status).toBe(400);
  });

  it('reserves, replays the same key without reserving again, refuses the key with another body (422)', async () => {
    const sku = uniqueSku();
    await setStock(url, sku, 5);
    const body = { items: [{ sku, quantity: 2 }], customerId: 'c-1' };
    const first = await reserve(url, `key-${sku}`, body);
    expect(first.status).toBe(201);
    expect(first.body.reservationId).toMatch(new RegExp(`^r${partitionOf(sku, inv.config.partitions)}_[0-9a-f-]{36}$`));
    expect(first.body.items).toEqual(body.items);
    expect(Date.parse(first.body.expiresAt) - Date.now()).toBeGreaterThan(590_000);
    const again = await reserve(url, `key-${sku}`, body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await reserve(url, `key-${sku}`, { ...body, items: [{ sku, quantity: 1 }] });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await totalsOf(db, sku)).toMatchObject({ onHand: 5, reserved: 2, heldItems: 2 });
  });

  it('refuses what is not there with 409 OUT_OF_STOCK naming the SKUs, and never goes below zero', async () => {
    const a = uniqueSku();
    const b = uniqueSku();
    await setStock(url, a, 3);
    await setStock(url, b, 1);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => reserve(url, `oos-${a}-${i}`, { items: [{ sku: a, quantity: 1 }] })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(7);
    expect(refused[0]!.body.error).toMatchObject({ code: 'OUT_OF_STOCK', details: [a] });
    const both = await reserve(url, `oos-both-${a}`, { items: [{ sku: b, quantity: 2 }, { sku: a, quantity: 1 }] });
    expect(both.status).toBe(409);
    expect(both.body.error.details).toEqual(expect.arrayContaining([a]));
    expect(await totalsOf(db, a)).toMatchObject({ onHand: 3, reserved: 3 });
    expect(await totalsOf(db, b)).toMatchObject({ onHand: 1, reserved: 0 });
  });

  it('releases idempotently and commits for checkout; a released reservation cannot be committed, a committed one not released', async () => {
    const sku = uniqueSku();
    await setStock(url, sku, 10);
    const kept = (await reserve(url, `kept-${sku}`, { items: [{ sku, quantity: 3 }] })).body.reservationId as string;
    const dropped = (await reserve(url, `dropped-${sku}`, { items: [{ sku, quantity: 2 }] })).body.reservationId as string;
    expect(await totalsOf(db, sku)).toMatchObject({ reserved: 5 });

    const release = await api(url, `/api/inventory/reservations/${dropped}`, { method: 'DELETE' });
    expect(release.status).toBe(200);
    expect(release.body).toEqual({ reservationId: dropped, status: 'released' });
    expect((await api(url, `/api/inventory/reservations/${dropped}`, { method: 'DELETE' })).body).toEqual({ reservationId: dropped, status: 'released' });

    const commit = await api(url, `/internal/inventory/reservations/${kept}/commit`, { method: 'POST' });
    expect(commit.status).toBe(200);
    expect(commit.body).toEqual({ reservationId: kept, status: 'committed' });
    expect((await api(url, `/internal/inventory/reservations/${kept}/commit`, { method: 'POST' })).status).toBe(200);
    const late = await api(url, `/internal/inventory/reservations/${dropped}/commit`, { method: 'POST' });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'RESERVATION_NOT_HELD', details: { status: 'released' } });
    const undo = await api(url, `/api/inventory/reservations/${kept}`, { method: 'DELETE' });
    expect(undo.status).toBe(409);

    expect(await totalsOf(db, sku)).toEqual({ onHand: 10, reserved: 0, committed: 3, heldItems: 0, committedItems: 3 });
    expect((await api(url, `/api/admin/inventory/${sku}`)).body).toEqual({ sku, onHand: 10, reserved: 0, committed: 3, available: 7 });
    expect((await api(url, `/api/inventory/reservations/r1_00000000-0000-4000-8000-000000000000`, { method: 'DELETE' })).status).toBe(404);
    expect((await api(url, `/api/inventory/reservations/not-an-id`, { method: 'DELETE' })).status).toBe(400);
  });

  it('refuses to set on-hand stock below reserved + committed (409), and the database CHECK refuses it too', async () => {
    const sku = uniqueSku();
    await setStock(url, sku, 4);
    await reserve(url, `below-${sku}`, { items: [{ sku, quantity: 3 }] });
    const res = await api(url, `/api/admin/inventory/${sku}`, { method: 'PUT', json: { onHand: 2 } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'STOCK_BELOW_COMMITMENTS', details: { onHand: 4, reserved: 3 } });
    await expect(db.query('UPDATE inventory.stock SET on_hand = 2 WHERE sku = $1', [sku])).rejects.toMatchObject({ code: '23514' });
    await expect(db.query('UPDATE inventory.stock SET reserved = -1, on_hand = 0 WHERE sku = $1', [sku])).rejects.toMatchObject({ code: '23514' });
  });

  it('enforces a per-customer sale limit (409 LIMIT_EXCEEDED); anonymous requests cannot buy a limited SKU', async () => {
    const sku = uniqueSku();
    await setStock(url, sku, 100);
    const limit = await api(url, `/api/admin/inventory/${sku}/sale-limit`, { method: 'PUT', json: { perCustomer: 2 } });
    expect(limit.status).toBe(200);
    expect((await reserve(url, `l1-${sku}`, { items: [{ sku, quantity: 1 }], customerId: 'ann' })).status).toBe(201);
    expect((await reserve(url, `l2-${sku}`, { items: [{ sku, quantity: 1 }], customerId: 'ann' })).status).toBe(201);
    const third = await reserve(url, `l3-${sku}`, { items: [{ sku, quantity: 1 }], customerId: 'ann' });
    expect(third.status).toBe(409);
    expect(third.body.error).toMatchObject({ code: 'LIMIT_EXCEEDED', details: [sku] });
    expect((await reserve(url, `l4-${sku}`, { items: [{ sku, quantity: 2 }], customerId: 'bob' })).status).toBe(201);
    expect((await reserve(url, `l5-${sku}`, { items: [{ sku, quantity: 1 }] })).status).toBe(409);
    // The limit survives a reload of the partition (usage comes from the database).
    await api(url, `/api/admin/inventory/${sku}/sale-limit`, { method: 'PUT', json: { perCustomer: 3 } });
    expect((await reserve(url, `l6-${sku}`, { items: [{ sku, quantity: 2 }], customerId: 'ann' })).status).toBe(409);
    expect((await reserve(url, `l7-${sku}`, { items: [{ sku, quantity: 1 }], customerId: 'ann' })).status).toBe(201);
  });

  it('makes a multi-SKU reservation across partitions all or nothing, and releases every part', async () => {
    const [a, b, c] = skusInDistinctPartitions(3, inv.config.partitions);
    await setStock(url, a!, 5);
    await setStock(url, b!, 5);
    await setStock(url, c!, 1);
    const ok = await reserve(url, `multi-${a}`, { items: [{ sku: a, quantity: 2 }, { sku: b, quantity: 3 }] });
    expect(ok.status).toBe(201);
    expect(ok.body.reservationId.startsWith(`r${partitionOf(a!, inv.config.partitions)}_`)).toBe(true);
    expect(await totalsOf(db, a!)).toMatchObject({ reserved: 2 });
    expect(await totalsOf(db, b!)).toMatchObject({ reserved: 3 });

    const refused = await reserve(url, `multi-no-${a}`, { items: [{ sku: a, quantity: 1 }, { sku: b, quantity: 1 }, { sku: c, quantity: 2 }] });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'OUT_OF_STOCK', details: [c] });
    expect(await totalsOf(db, a!)).toMatchObject({ reserved: 2 });
    expect(await totalsOf(db, b!)).toMatchObject({ reserved: 3 });
    expect(await totalsOf(db, c!)).toMatchObject({ reserved: 0 });

    const replay = await reserve(url, `multi-${a}`, { items: [{ sku: a, quantity: 2 }, { sku: b, quantity: 3 }] });
    expect(replay.body).toEqual(ok.body);
    expect(await totalsOf(db, b!)).toMatchObject({ reserved: 3 });

    expect((await api(url, `/api/inventory/reservations/${ok.body.reservationId}`, { method: 'DELETE' })).status).toBe(200);
    expect(await totalsOf(db, a!)).toMatchObject({ reserved: 0, heldItems: 0 });
    expect(await totalsOf(db, b!)).toMatchObject({ reserved: 0, heldItems: 0 });
  });

  it('records every change as an event in the outbox, in the same transaction', async () => {
    const sku = uniqueSku();
    await setStock(url, sku, 1);
    const id = (await reserve(url, `ev-${sku}`, { items: [{ sku, quantity: 1 }] })).body.reservationId as string;
    await api(url, `/internal/inventory/reservations/${id}/commit`, { method: 'POST' });
    const { rows } = await db.query<{ event_type: string; aggregate_id: string }>(
      `SELECT event_type, aggregate_id FROM messaging.outbox_event WHERE source = 'inventory' AND aggregate_id IN ($1, $2) ORDER BY id`,
      [sku, id],
    );
    expect(rows.map((r) => r.event_type)).toEqual([
      'inventory.stock.changed.v1',
      'inventory.reservation.reserved.v1',
      'inventory.stock.sold-out.v1',
      'inventory.reservation.committed.v1',
    ]);
  });

  it('does not serve the benchmark baseline unless asked to', async () => {
    const sku = uniqueSku();
    const res = await api(url, '/api/inventory/naive/reservations', { method: 'POST', json: { items: [{ sku, quantity: 1 }] }, headers: { 'idempotency-key': 'n' } });
    expect(res.status).toBe(404);
  });

  it('exposes the engine metrics', async () => {
    const text = (await api(url, '/metrics')).body as string;
    for (const name of ['inventory_batch_size', 'inventory_batch_commit_seconds', 'inventory_batch_conflicts_total', 'inventory_mailbox_depth', 'inventory_refusals_total']) {
      expect(text).toContain(name);
    }
    expect((await api(url, '/health/ready')).body.checks).toMatchObject({ postgres: 'up', redis: 'up', partitions: 'up' });
    // Refused reservations by code (the live dashboard's refusals): the tests above were refused 8 times for stock, at least once for a limit.
    const refused = (code: string) => Number(new RegExp(`^inventory_reservations_refused_total\\{code="${code}"[^}]*\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    expect(refused('OUT_OF_STOCK')).toBeGreaterThanOrEqual(8);
    expect(refused('LIMIT_EXCEEDED')).toBeGreaterThanOrEqual(1);
  });
});
