import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlashSale } from '@shop/contracts';
import { eventually } from '@shop/testing';
import { FlashSalePlatform, saleBody } from './flash-sales-harness.js';

/**
 * The sell-out reported by inventory's `inventory.sale-allocation.exhausted.v1`: the sweep here
 * runs only once a minute, so the sold-out event within seconds can only come from the consumer.
 */
const platform = new FlashSalePlatform();

beforeAll(async () => {
  await platform.start({ FLASH_SALE_SWEEP_MS: 60_000 });
}, 120_000);
afterAll(async () => {
  await platform.stop();
});

describe("inventory's allocation-exhausted event", () => {
  it('marks the open sale sold out and emits its sold-out event once', async () => {
    const sku = await platform.product(1500, 40);
    const startsAt = Date.now() + 1000;
    const res = await platform.api('/api/admin/flash-sales', {
      method: 'POST',
      json: saleBody(sku, { units: 2, perCustomerLimit: 1, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 3_600_000).toISOString() }),
    });
    expect(res.status, res.text).toBe(201);
    const sale = FlashSale.parse(res.body);
    // The sweep due at the start records `started`, then sleeps for a minute.
    await eventually(async () => expect(await platform.eventCount(sale.id, 'pricing.flash-sale.started.v1')).toBe(1));
    for (let i = 0; i < 2; i++) expect((await platform.hold(sku, randomUUID())).status).toBe(201);

    await eventually(async () => expect(await platform.eventCount(sale.id, 'pricing.flash-sale.sold-out.v1')).toBe(1));
    const { rows } = await platform.db.query('SELECT sold_out_at IS NOT NULL AS sold_out, last_units_taken FROM pricing.flash_sale WHERE id = $1', [sale.id]);
    expect(rows[0]).toEqual({ sold_out: true, last_units_taken: 2 });
  });
});
