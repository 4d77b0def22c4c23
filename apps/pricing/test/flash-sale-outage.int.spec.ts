import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlashSale, FlashSaleList } from '@shop/contracts';
import { eventually } from '@shop/testing';
import { FlashSalePlatform, saleBody } from './flash-sales-harness.js';

/**
 * Inventory unreachable from pricing (its link cut, inventory itself still running): the public
 * view keeps answering with the last figures it had, scheduling answers 503, a cancel is stored
 * and its limit removal is done by the sweep once the link is back — no restart anywhere.
 */
const platform = new FlashSalePlatform();

beforeAll(async () => {
  await platform.start({}, { inventoryLink: true });
}, 120_000);
afterAll(async () => {
  await platform.stop();
});

async function schedule(sku: string, overrides: Record<string, unknown> = {}): Promise<FlashSale> {
  const res = await platform.api('/api/admin/flash-sales', { method: 'POST', json: saleBody(sku, overrides) });
  expect(res.status, res.text).toBe(201);
  return FlashSale.parse(res.body);
}

describe('flash sales while inventory is unreachable', () => {
  it('serves the last live figures, refuses to schedule with 503, and repairs a cancel once inventory is back', async () => {
    const liveSku = await platform.product(1990, 30);
    const laterSku = await platform.product(1990, 30);
    const startsAt = Date.now() + 800;
    const live = await schedule(liveSku, { units: 6, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 3_600_000).toISOString() });
    const later = await schedule(laterSku, { units: 4 });
    await eventually(async () => {
      const item = FlashSaleList.parse((await platform.api('/api/flash-sales')).body).items.find((i) => i.id === live.id);
      expect(item).toMatchObject({ status: 'live', unitsRemaining: 6 });
    });

    await platform.inventoryLink!.cut();
    await new Promise((r) => setTimeout(r, 700)); // past the figures' 500 ms freshness
    const list = await platform.api('/api/flash-sales');
    expect(list.status, list.text).toBe(200);
    expect(FlashSaleList.parse(list.body).items.find((i) => i.id === live.id)).toMatchObject({ status: 'live', unitsRemaining: 6 });

    const refused = await platform.api('/api/admin/flash-sales', { method: 'POST', json: saleBody(liveSku, { startsAt: new Date(startsAt + 7_200_000).toISOString(), endsAt: new Date(startsAt + 9_000_000).toISOString() }) });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(refused.text).not.toContain('127.0.0.1');

    // The cancel is the merchant's decision: stored now, the engine's limit removed when reachable.
    const cancelled = await platform.api(`/api/admin/flash-sales/${later.id}/cancel`, { method: 'POST' });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await platform.inventoryApi(`/api/admin/inventory/${laterSku}/sale-limit`)).status).toBe(200);

    await platform.inventoryLink!.restore();
    await eventually(async () => expect((await platform.inventoryApi(`/api/admin/inventory/${laterSku}/sale-limit`)).status).toBe(404));
    await schedule(liveSku, { startsAt: new Date(startsAt + 7_200_000).toISOString(), endsAt: new Date(startsAt + 9_000_000).toISOString() });
    expect(await platform.eventCount(later.id, 'pricing.flash-sale.cancelled.v1')).toBe(1);
  });
});
