import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityHeaders, serviceHeaders } from '@shop/testing';
import { api, reserve, setStock, startTestInventory, uniqueSku } from './inventory-harness.js';

/** GET /internal/inventory/stock?skus=: the search service's read of many SKUs' stock (its reindex), and the cart's. */
describe('internal stock read', () => {
  let inv: Awaited<ReturnType<typeof startTestInventory>>;
  let url: string;

  beforeAll(async () => {
    inv = await startTestInventory();
    url = inv.url;
  });
  afterAll(async () => {
    await inv?.service.close();
  });

  it('answers the available stock and stock version of the SKUs that have stock; the others are left out', async () => {
    const [plenty, none, unknown] = [uniqueSku('STK'), uniqueSku('STK'), uniqueSku('STK')];
    await setStock(url, plenty, 5);
    await setStock(url, none, 2);
    expect((await reserve(url, `stk-${none}`, { items: [{ sku: none, quantity: 2 }] })).status).toBe(201);
    const res = await api(url, `/internal/inventory/stock?skus=${plenty},${none},${unknown}`, { caller: { service: 'search' } });
    expect(res.status).toBe(200);
    const items = (res.body as { items: Array<{ sku: string; available: number; version: number }> }).items;
    expect(items.map(({ sku, available }) => ({ sku, available })).sort((a, b) => a.sku.localeCompare(b.sku))).toEqual(
      [
        { sku: plenty, available: 5 },
        { sku: none, available: 0 },
      ].sort((a, b) => a.sku.localeCompare(b.sku)),
    );
    for (const item of items) expect(item.version).toBeGreaterThan(0);
  });

  it('is for the search and cart services only: 401 without a credential or for a user, 403 for another service', async () => {
    const path = `/internal/inventory/stock?skus=${uniqueSku('STK')}`;
    const admin = { userId: randomUUID(), role: 'admin' as const };
    const attempts: [Record<string, string>, number][] = [
      [{}, 401],
      [identityHeaders(admin, { method: 'GET', path }), 401],
      [serviceHeaders('payments'), 403],
      [serviceHeaders('orders'), 403],
    ];
    for (const [headers, status] of attempts) expect((await api(url, path, { caller: null, headers })).status).toBe(status);
    // The two services it is for are let in.
    expect((await api(url, path, { caller: { service: 'search' } })).status).toBe(200);
    expect((await api(url, path, { caller: { service: 'cart' } })).status).toBe(200);
  });

  it('refuses a bad SKU list with 400 naming skus', async () => {
    const res = await api(url, '/internal/inventory/stock?skus=', { caller: { service: 'search' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('skus');
    const many = Array.from({ length: 501 }, (_, i) => `S-${i}`).join(',');
    expect((await api(url, `/internal/inventory/stock?skus=${many}`, { caller: { service: 'search' } })).status).toBe(400);
  });
});
