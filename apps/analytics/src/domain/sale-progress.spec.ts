import { describe, expect, it } from 'vitest';
import { saleProgress, saleStatus } from './sale-progress.js';

const sale = {
  flashSaleId: 'b1f3d6a2-5a55-4b4e-9d0a-0f6a3c2e1d10',
  sku: 'TEE-M',
  salePrice: { amount: 1000, currency: 'EUR' },
  units: 10,
  perCustomerLimit: 2,
  startsAt: '2026-12-05T12:00:00.000Z',
  endsAt: '2026-12-05T13:00:00.000Z',
};
const at = (iso: string) => Date.parse(iso);

describe('sale progress', () => {
  it('takes the furthest status reached, whatever order the events came in', () => {
    expect(saleStatus({})).toBe('scheduled');
    expect(saleStatus({ sold_out: 3, live: 2, scheduled: 1 })).toBe('sold_out');
    expect(saleStatus({ scheduled: 1, cancelled: 2 })).toBe('cancelled');
  });

  it('counts units sold, held, left, buyers holding and the cumulative sell-through', () => {
    const view = saleProgress({
      now: new Date('2026-12-05T12:02:10Z'),
      sale,
      reached: { scheduled: at('2026-12-05T11:00:00Z'), live: at('2026-12-05T12:00:00Z') },
      minutes: [
        { at: at('2026-12-05T12:00:00Z'), counts: { 'units.reserved': 6, 'units.committed': 2 } },
        { at: at('2026-12-05T12:01:00Z'), counts: { 'units.reserved': 2, 'units.committed': 3, 'units.released': 1 } },
        { at: at('2026-12-05T12:02:00Z'), counts: {} },
      ],
      holds: [
        { customerId: 'c1', quantity: 1 },
        { customerId: 'c2', quantity: 1 },
      ],
    });
    expect(view).toMatchObject({ status: 'live', unitsSold: 5, unitsHeld: 2, unitsLeft: 3, buyersHolding: 2, soldOutAt: null, secondsToSellOut: null });
    expect(view.sellThrough.map((p) => [p.sold, p.held])).toEqual([
      [2, 4],
      [5, 2],
      [5, 2],
    ]);
    expect(view.revenue).toEqual({ amount: 5000, currency: 'EUR' });
  });

  it('gives the time to sell out once the sale sold out', () => {
    const view = saleProgress({
      now: new Date('2026-12-05T12:05:00Z'),
      sale,
      reached: { live: at('2026-12-05T12:00:00Z'), sold_out: at('2026-12-05T12:01:30Z') },
      minutes: [{ at: at('2026-12-05T12:00:00Z'), counts: { 'units.reserved': 10, 'units.committed': 10 } }],
      holds: [],
    });
    expect(view).toMatchObject({ status: 'sold_out', unitsSold: 10, unitsLeft: 0, soldOutAt: '2026-12-05T12:01:30.000Z', secondsToSellOut: 90 });
  });
});
