import { ANALYTICS_WINDOW_MINUTES, type AnalyticsWindow, type BreakerState, type DashboardSnapshot, type RefusalReason, type ServiceHealth } from '@shop/contracts';
import { type BucketCounts, byQualifier, Figure, sumOf } from './figures.js';
import { lastBuckets, MINUTE_MS, SECOND_MS } from './time-buckets.js';

/** Seconds of per-second reservations shown, and how many of the last ones make the current rate. */
export const RESERVATION_SECONDS_SHOWN = 60;
export const CURRENT_RATE_SECONDS = 10;

/** Everything a snapshot is built from, read by the store and the pollers. */
export interface DashboardInputs {
  now: Date;
  window: AnalyticsWindow;
  /** Minute buckets of the window, oldest first (the last one is the current, partial minute). */
  minutes: readonly { at: number; counts: BucketCounts }[];
  /** The last RESERVATION_SECONDS_SHOWN second buckets, oldest first. */
  seconds: readonly { at: number; counts: BucketCounts }[];
  soldOut: readonly { sku: string; since: number }[];
  deadLetters: readonly { stream: string; count: number }[];
  services: readonly ServiceHealth[];
  breakers: readonly BreakerState[];
}

const REFUSAL_REASONS: readonly RefusalReason[] = ['sold_out', 'limit', 'shed', 'other'];
const iso = (ms: number) => new Date(ms).toISOString();

/** How many minute buckets a window spans (its partial current minute included). */
export function windowMinutes(window: AnalyticsWindow): number {
  return ANALYTICS_WINDOW_MINUTES[window];
}

/** The dashboard's figures over a window, from its buckets: series, totals, funnel, refusals. */
export function dashboardSnapshot(inputs: DashboardInputs): DashboardSnapshot {
  const minuteCounts = inputs.minutes.map((m) => m.counts);
  const secondCounts = inputs.seconds.map((s) => s.counts);
  const from = inputs.minutes[0]?.at ?? inputs.now.getTime();

  const perMinute = inputs.minutes.map((m) => ({ at: iso(m.at), value: m.counts[Figure.ordersCreated] ?? 0 }));
  // The last full minute: the current one is still filling.
  const lastFull = inputs.minutes.length >= 2 ? inputs.minutes[inputs.minutes.length - 2]! : undefined;

  const recent = secondCounts.slice(-CURRENT_RATE_SECONDS);
  const refusals = byQualifier(minuteCounts, Figure.refused);
  const failed = byQualifier(minuteCounts, Figure.sagaFailed);
  const made = sumOf(minuteCounts, Figure.reservationsMade);

  return {
    generatedAt: inputs.now.toISOString(),
    window: { name: inputs.window, from: iso(from), to: inputs.now.toISOString() },
    orders: {
      perMinute,
      lastMinute: lastFull?.counts[Figure.ordersCreated] ?? 0,
      total: sumOf(minuteCounts, Figure.ordersCreated),
    },
    revenue: {
      total: moneyList(byQualifier(minuteCounts, Figure.revenue)),
      refunded: moneyList(byQualifier(minuteCounts, Figure.refunded)),
      perMinute: inputs.minutes.map((m) => ({ at: iso(m.at), amounts: moneyList(byQualifier([m.counts], Figure.revenue)) })),
    },
    reservations: {
      perSecond: inputs.seconds.map((s) => ({ at: iso(s.at), value: s.counts[Figure.reservationsMade] ?? 0 })),
      current: recent.length === 0 ? 0 : sumOf(recent, Figure.reservationsMade) / recent.length,
      total: made,
    },
    funnel: {
      held: Math.max(0, made - sumOf(minuteCounts, Figure.reservationsReplaced)),
      checkedOut: sumOf(minuteCounts, Figure.ordersCreated),
      paid: sumOf(minuteCounts, Figure.ordersPaid),
    },
    refusals: Object.fromEntries(REFUSAL_REASONS.map((reason) => [reason, refusals.get(reason) ?? 0])) as Record<RefusalReason, number>,
    soldOutSkus: [...inputs.soldOut].sort((a, b) => b.since - a.since).map((s) => ({ sku: s.sku, since: iso(s.since) })),
    sagas: {
      failed: [...failed.entries()].sort((a, b) => b[1] - a[1]).map(([reason, count]) => ({ reason, count })),
      failedTotal: [...failed.values()].reduce((a, b) => a + b, 0),
      dead: sumOf(minuteCounts, Figure.sagasDead),
    },
    deadLetters: [...inputs.deadLetters],
    deadLettersTotal: inputs.deadLetters.reduce((total, d) => total + d.count, 0),
    services: [...inputs.services],
    breakers: [...inputs.breakers],
  };
}

function moneyList(amounts: Map<string, number>): { amount: number; currency: string }[] {
  return [...amounts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ currency, amount }));
}

/** The bucket starts a snapshot of `window` at `now` reads. */
export function dashboardBuckets(now: Date, window: AnalyticsWindow): { minutes: number[]; seconds: number[] } {
  return {
    minutes: lastBuckets(now.getTime(), MINUTE_MS, windowMinutes(window)),
    seconds: lastBuckets(now.getTime(), SECOND_MS, RESERVATION_SECONDS_SHOWN),
  };
}
