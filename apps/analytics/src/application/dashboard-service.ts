import type { AnalyticsWindow, Clock, DashboardSnapshot, SaleLiveView } from '@shop/contracts';
import { deadLetterKey } from '@shop/messaging';
import { notFound } from '@shop/service-kit';
import type { FigureStore } from '../adapters/figure-store.js';
import type { PlatformWatch } from '../adapters/platform-watch.js';
import { dashboardBuckets, dashboardSnapshot } from '../domain/dashboard.js';
import { saleProgress } from '../domain/sale-progress.js';
import { bucketsBetween, MINUTE_MS } from '../domain/time-buckets.js';

export interface DashboardServiceDeps {
  store: FigureStore;
  watch: Pick<PlatformWatch, 'services' | 'circuitBreakers'>;
  clock: Clock;
  redisPrefix: string;
  /** Streams whose dead letters are counted. */
  streams: readonly string[];
}

/** Reads the aggregates back as the dashboard's snapshot and a sale's live view. */
export class DashboardService {
  constructor(private readonly d: DashboardServiceDeps) {}

  async snapshot(window: AnalyticsWindow): Promise<DashboardSnapshot> {
    const now = this.d.clock.now();
    const { minutes, seconds } = dashboardBuckets(now, window);
    const keys = this.d.store.keys;
    const [minuteCounts, secondCounts, soldOut, deadLetters] = await Promise.all([
      this.d.store.buckets(minutes.map(keys.minute)),
      this.d.store.buckets(seconds.map(keys.second)),
      this.d.store.soldOut(),
      Promise.all(this.d.streams.map(async (stream) => ({ stream, count: await this.d.store.streamLength(deadLetterKey(this.d.redisPrefix, stream)) }))),
    ]);
    return dashboardSnapshot({
      now,
      window,
      minutes: minutes.map((at, i) => ({ at, counts: minuteCounts[i]! })),
      seconds: seconds.map((at, i) => ({ at, counts: secondCounts[i]! })),
      soldOut,
      deadLetters,
      services: this.d.watch.services(),
      breakers: this.d.watch.circuitBreakers(),
    });
  }

  /** 404 when no event of the sale has been seen. */
  async sale(flashSaleId: string): Promise<SaleLiveView> {
    const stored = await this.d.store.sale(flashSaleId);
    if (!stored) throw notFound(`no flash sale ${flashSaleId} is known to analytics`);
    const now = this.d.clock.now();
    const until = Math.min(now.getTime(), Date.parse(stored.sale.endsAt));
    const minutes = bucketsBetween(Date.parse(stored.sale.startsAt), until, MINUTE_MS);
    const [counts, holds] = await Promise.all([
      this.d.store.buckets(minutes.map((at) => this.d.store.keys.skuMinute(stored.sale.sku, at))),
      this.d.store.holds(stored.sale.sku),
    ]);
    return saleProgress({ now, sale: stored.sale, reached: stored.reached, minutes: minutes.map((at, i) => ({ at, counts: counts[i]! })), holds });
  }
}
