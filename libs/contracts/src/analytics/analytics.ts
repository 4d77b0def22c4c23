import { z } from 'zod';
import { Sku } from '../catalog/catalog.js';
import { Currency, Money } from '../common/money.js';
import { FlashSaleStatus } from '../pricing/flash-sales.js';

/**
 * The live dashboard's figures (the analytics service, behind `/api/admin/analytics`): rolling
 * time-bucketed aggregates of the platform's events, plus what it polls (refusal and saga
 * counters, dead letters, service health and circuit breakers).
 */

/** How far back a snapshot looks: the series cover it, the totals sum it. */
export const AnalyticsWindow = z.enum(['5m', '15m', '1h', '24h']);
export type AnalyticsWindow = z.infer<typeof AnalyticsWindow>;
export const ANALYTICS_WINDOW_MINUTES: Record<AnalyticsWindow, number> = { '5m': 5, '15m': 15, '1h': 60, '24h': 1440 };

/** `GET /api/admin/analytics/dashboard?window=15m` and the stream's `?window=`. */
export const DashboardQuery = z.strictObject({ window: AnalyticsWindow.default('15m') });
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** `GET /api/admin/analytics/stream?window=15m&sale=<id>`: the dashboard's window, and a flash sale to follow too. */
export const AnalyticsStreamQuery = DashboardQuery.extend({ sale: z.uuid().optional() });
export type AnalyticsStreamQuery = z.infer<typeof AnalyticsStreamQuery>;

const Count = z.number().int().min(0);
/** One point of a series: the bucket's start and its value. */
export const SeriesPoint = z.object({ at: z.iso.datetime(), value: z.number().int() });
export type SeriesPoint = z.infer<typeof SeriesPoint>;

/** Refusals of reservations, by why: sold out, a per-customer limit, shed under load (overloaded, unavailable). */
export const RefusalReason = z.enum(['sold_out', 'limit', 'shed', 'other']);
export type RefusalReason = z.infer<typeof RefusalReason>;

export const ServiceHealth = z.object({
  name: z.string(),
  status: z.enum(['up', 'down', 'unknown']),
  /** The service's readiness checks as it answered them (`{ postgres: 'up', redis: 'down: …' }`). */
  checks: z.record(z.string(), z.string()),
  checkedAt: z.iso.datetime().nullable(),
});
export type ServiceHealth = z.infer<typeof ServiceHealth>;

/** The gateway's circuit breaker per upstream. */
export const BreakerState = z.object({ upstream: z.string(), state: z.enum(['closed', 'open', 'half-open', 'isolated']) });
export type BreakerState = z.infer<typeof BreakerState>;

export const DashboardSnapshot = z.object({
  generatedAt: z.iso.datetime(),
  window: z.object({ name: AnalyticsWindow, from: z.iso.datetime(), to: z.iso.datetime() }),
  orders: z.object({
    /** Orders created per minute, oldest first, one point per minute of the window. */
    perMinute: z.array(SeriesPoint),
    /** Created in the last full minute. */
    lastMinute: Count,
    total: Count,
  }),
  /** Paid (confirmed) orders' totals in minor units, per currency, over the window. */
  revenue: z.object({
    total: z.array(Money),
    /**
     * What went back to customers over the window, per currency: refunds, and the rest of a paid
     * order the shop cancelled. Paid less this is what the window kept.
     */
    refunded: z.array(Money),
    perMinute: z.array(z.object({ at: z.iso.datetime(), amounts: z.array(Money) })),
  }),
  reservations: z.object({
    /** Reservations made per second over the last minute, oldest first. */
    perSecond: z.array(SeriesPoint),
    /** Average per second over the last 10 s. */
    current: z.number().min(0),
    total: Count,
  }),
  /** Over the window: reservations held, orders checked out (created), orders paid. */
  funnel: z.object({ held: Count, checkedOut: Count, paid: Count }),
  refusals: z.record(RefusalReason, Count),
  soldOutSkus: z.array(z.object({ sku: Sku, since: z.iso.datetime() })),
  sagas: z.object({
    /** Checkouts the saga compensated (order cancelled by checkout), by failure code, over the window. */
    failed: z.array(z.object({ reason: z.string(), count: Count })),
    failedTotal: Count,
    /** Sagas whose step exhausted its retries (needs a person), over the window. */
    dead: Count,
  }),
  /** Messages in each stream's dead-letter stream (all time). */
  deadLetters: z.array(z.object({ stream: z.string(), count: Count })),
  deadLettersTotal: Count,
  services: z.array(ServiceHealth),
  breakers: z.array(BreakerState),
});
export type DashboardSnapshot = z.infer<typeof DashboardSnapshot>;

/** `GET /api/admin/analytics/sales/:id`: one flash sale, live. */
export const SaleLiveView = z.object({
  flashSaleId: z.uuid(),
  sku: Sku,
  status: FlashSaleStatus,
  salePrice: Money,
  units: Count,
  perCustomerLimit: Count,
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  /** Units sold (reservations committed by checkout) since the sale started. */
  unitsSold: Count,
  /** Units held by open reservations at the moment. */
  unitsHeld: Count,
  unitsLeft: Count,
  /** Distinct customers holding units at the moment. */
  buyersHolding: Count,
  /** Units sold per minute, cumulative, from the start (oldest first). */
  sellThrough: z.array(z.object({ at: z.iso.datetime(), sold: Count, held: Count })),
  soldOutAt: z.iso.datetime().nullable(),
  /** Seconds from the start to the sell-out; null while units are left. */
  secondsToSellOut: z.number().int().min(0).nullable(),
  revenue: Money,
  currency: Currency,
});
export type SaleLiveView = z.infer<typeof SaleLiveView>;
