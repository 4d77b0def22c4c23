import { describe, expect, it } from 'vitest';
import { dashboardBuckets, dashboardSnapshot, type DashboardInputs } from './dashboard.js';

const now = new Date('2026-12-05T12:02:30.500Z');
const minute = (iso: string) => Date.parse(iso);

function inputs(overrides: Partial<DashboardInputs> = {}): DashboardInputs {
  const { minutes, seconds } = dashboardBuckets(now, '5m');
  return {
    now,
    window: '5m',
    minutes: minutes.map((at) => ({ at, counts: {} })),
    seconds: seconds.map((at) => ({ at, counts: {} })),
    soldOut: [],
    deadLetters: [],
    services: [],
    breakers: [],
    ...overrides,
  };
}

describe('dashboard snapshot', () => {
  it('reads the window as one bucket per minute up to the current one and the last 60 seconds', () => {
    const { minutes, seconds } = dashboardBuckets(now, '5m');
    expect(minutes.map((m) => new Date(m).toISOString())).toEqual([
      '2026-12-05T11:58:00.000Z',
      '2026-12-05T11:59:00.000Z',
      '2026-12-05T12:00:00.000Z',
      '2026-12-05T12:01:00.000Z',
      '2026-12-05T12:02:00.000Z',
    ]);
    expect(seconds).toHaveLength(60);
    expect(new Date(seconds.at(-1)!).toISOString()).toBe('2026-12-05T12:02:30.000Z');
  });

  it('sums orders, revenue per currency, the funnel and refusals over the window', () => {
    const base = inputs();
    const counts: Record<string, Record<string, number>> = {
      '2026-12-05T12:00:00Z': { 'orders.created': 3, 'orders.paid': 2, 'revenue:EUR': 5000, 'reservations.made': 6, 'refused:sold_out': 4 },
      '2026-12-05T12:01:00Z': { 'orders.created': 5, 'orders.paid': 4, 'revenue:EUR': 1000, 'revenue:USD': 700, 'refunded:EUR': 1250, 'reservations.made': 9, 'reservations.replaced': 5, 'refused:shed': 2 },
      '2026-12-05T12:02:00Z': { 'orders.created': 1, 'sagas.failed:PAYMENT_DECLINED': 2, 'sagas.failed:OUT_OF_STOCK': 1, 'sagas.dead': 1 },
    };
    const snapshot = dashboardSnapshot({ ...base, minutes: base.minutes.map((m) => ({ at: m.at, counts: counts[new Date(m.at).toISOString().replace('.000', '')] ?? {} })) });
    expect(snapshot.orders.perMinute.map((p) => p.value)).toEqual([0, 0, 3, 5, 1]);
    expect(snapshot.orders).toMatchObject({ total: 9, lastMinute: 5 });
    expect(snapshot.revenue.total).toEqual([{ currency: 'EUR', amount: 6000 }, { currency: 'USD', amount: 700 }]);
    expect(snapshot.revenue.refunded).toEqual([{ currency: 'EUR', amount: 1250 }]);
    expect(snapshot.revenue.perMinute[3]!.amounts).toEqual([{ currency: 'EUR', amount: 1000 }, { currency: 'USD', amount: 700 }]);
    expect(snapshot.funnel).toEqual({ held: 10, checkedOut: 9, paid: 6 });
    expect(snapshot.refusals).toEqual({ sold_out: 4, limit: 0, shed: 2, other: 0 });
    expect(snapshot.sagas).toEqual({ failed: [{ reason: 'PAYMENT_DECLINED', count: 2 }, { reason: 'OUT_OF_STOCK', count: 1 }], failedTotal: 3, dead: 1 });
    expect(snapshot.window).toEqual({ name: '5m', from: '2026-12-05T11:58:00.000Z', to: now.toISOString() });
  });

  it('gives reservations per second and the rate over the last 10 seconds', () => {
    const base = inputs();
    const seconds = base.seconds.map((s, i) => ({ at: s.at, counts: i >= 55 ? { 'reservations.made': 4 } : ({} as Record<string, number>) }));
    const snapshot = dashboardSnapshot({ ...base, seconds });
    expect(snapshot.reservations.perSecond.slice(-6).map((p) => p.value)).toEqual([0, 4, 4, 4, 4, 4]);
    expect(snapshot.reservations.current).toBe(2);
  });

  it('lists sold-out SKUs newest first and totals the dead letters', () => {
    const snapshot = dashboardSnapshot(
      inputs({
        soldOut: [{ sku: 'A', since: minute('2026-12-05T12:00:00Z') }, { sku: 'B', since: minute('2026-12-05T12:01:00Z') }],
        deadLetters: [{ stream: 'events.orders', count: 2 }, { stream: 'events.inventory', count: 1 }],
      }),
    );
    expect(snapshot.soldOutSkus.map((s) => s.sku)).toEqual(['B', 'A']);
    expect(snapshot.deadLettersTotal).toBe(3);
  });
});
