import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitionOf } from '@shop/partitioning';
import type pg from 'pg';
import { identityHeaders, serviceHeaders } from '@shop/testing';
import { api, database, reserve, setStock, startTestInventory, totalsOf, uniqueSku } from './inventory-harness.js';

/**
 * Finding 5 of the security review, at the inventory: /internal routes committed reservations
 * for anyone who reached the port, admin routes did not check the role, and a bare `x-user-id`
 * chose whose sale limit a reservation counted against.
 */
describe('inventory verifies who calls', () => {
  let inv: Awaited<ReturnType<typeof startTestInventory>>;
  let db: pg.Pool;
  let url: string;
  const customer = { userId: randomUUID(), role: 'customer' as const };

  beforeAll(async () => {
    inv = await startTestInventory();
    url = inv.url;
    db = database();
  });
  afterAll(async () => {
    await inv?.service.close();
    await db?.end();
  });

  it('/internal commit: 401 without or with a forged/expired credential, 403 for a service other than payments or inventory; nothing is sold', async () => {
    const sku = uniqueSku('TRUST');
    await setStock(url, sku, 5);
    const held = await reserve(url, `trust-${sku}`, { items: [{ sku, quantity: 2 }] });
    expect(held.status).toBe(201);
    const before = await totalsOf(db, sku);
    const path = `/internal/inventory/reservations/${held.body.reservationId}/commit`;
    const forged = serviceHeaders('payments')['x-service-credential']!.slice(0, -4) + 'AAAA';
    const attempts: [Record<string, string>, number][] = [
      [{}, 401],
      [{ 'x-service-credential': forged }, 401],
      [serviceHeaders('payments', { nowMs: Date.now() - 10 * 60_000 }), 401],
      [{ 'x-user-id': customer.userId, 'x-user-role': 'admin' }, 401],
      [identityHeaders({ ...customer, role: 'admin' }, { method: 'POST', path }), 401], // a user, even an admin, is not a service
      [serviceHeaders('cart'), 403],
    ];
    for (const [headers, status] of attempts) {
      expect((await api(url, path, { method: 'POST', caller: null, headers })).status).toBe(status);
    }
    const partition = partitionOf(sku, inv.config.partitions);
    const hold = await api(url, `/internal/inventory/partitions/${partition}/holds`, {
      method: 'POST',
      json: { reservationId: held.body.reservationId, items: [{ sku, quantity: 1 }], customerId: null, expiresAt: Date.now() },
      caller: { service: 'payments' },
    });
    expect(hold.status).toBe(403); // peer holds are for inventory instances only
    expect(await totalsOf(db, sku)).toEqual(before);
    expect((await api(url, path, { method: 'POST' })).status).toBe(200); // the saga's own credential works
  });

  it('admin routes: 401 for anonymous and unsigned callers, 403 for a customer; the stock is unchanged', async () => {
    const sku = uniqueSku('TRUST');
    await setStock(url, sku, 5);
    const path = `/api/admin/inventory/${sku}`;
    const attempts: [Record<string, string>, number][] = [
      [{}, 401],
      [{ 'x-user-id': customer.userId, 'x-user-role': 'admin' }, 401],
      [{ ...identityHeaders(customer, { method: 'PUT', path }), 'x-user-role': 'admin' }, 401],
      [identityHeaders({ ...customer, role: 'admin' }, { method: 'PUT', path: `/api/admin/inventory/${sku}/sale-limit` }), 401],
      [identityHeaders(customer, { method: 'PUT', path }), 403],
      [serviceHeaders('payments'), 403], // only an inventory peer may forward an admin's request
    ];
    for (const [headers, status] of attempts) {
      expect((await api(url, path, { method: 'PUT', json: { onHand: 1000 }, caller: null, headers })).status).toBe(status);
    }
    expect((await totalsOf(db, sku)).onHand).toBe(5);
  });

  it('reservations: 401 without a verified customer or service; a signed-in customer reserves as themselves only', async () => {
    const sku = uniqueSku('TRUST');
    await setStock(url, sku, 5);
    const body = { items: [{ sku, quantity: 1 }], customerId: 'someone-else' };
    const unsigned: Record<string, string>[] = [{}, { 'x-user-id': customer.userId, 'x-user-role': 'customer' }];
    for (const headers of unsigned) {
      const res = await api(url, '/api/inventory/reservations', { method: 'POST', json: body, caller: null, headers: { ...headers, 'idempotency-key': randomUUID() } });
      expect(res.status).toBe(401);
    }
    expect((await totalsOf(db, sku)).reserved).toBe(0);
    const mine = await reserve(url, `mine-${sku}`, body, customer);
    expect(mine.status).toBe(201);
    const { rows } = await db.query<{ customer_id: string }>('SELECT customer_id FROM inventory.reservation WHERE id = $1', [mine.body.reservationId]);
    expect(rows[0]?.customer_id).toBe(customer.userId);
  });
});
