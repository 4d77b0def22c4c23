import type { AnalyticsWindow } from '@shop/contracts';
import { answerFor } from '@shop/service-kit';
import { errorMessage, type Logger } from '@shop/observability';
import type { DashboardService } from './dashboard-service.js';

/** One open stream: where the feed writes its events. */
export interface LiveSubscriber {
  event(name: string, data: unknown): void;
  comment(text: string): void;
  /** Ends the stream; resolves once the response is finished. */
  end(): Promise<void>;
}

interface Subscription {
  window: AnalyticsWindow;
  saleId: string | undefined;
  subscriber: LiveSubscriber;
}

export interface LiveFeedOptions {
  dashboards: DashboardService;
  /** How often updated snapshots go out. */
  intervalMs: number;
  /** How often a comment line keeps idle proxies from closing the stream. */
  heartbeatMs: number;
  logger: Logger;
}

/**
 * The dashboard's live stream: each subscriber gets a snapshot at once, then an updated one
 * every interval (computed once per window and sale for all subscribers), and heartbeats.
 * While Redis is away it sends `unavailable` events and carries on: the stream recovers by itself.
 */
export class LiveFeed {
  private readonly subscriptions = new Set<Subscription>();
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private ticking = false;

  constructor(private readonly o: LiveFeedOptions) {}

  get size(): number {
    return this.subscriptions.size;
  }

  /** Sends the first snapshot now; the returned function unsubscribes. */
  subscribe(window: AnalyticsWindow, saleId: string | undefined, subscriber: LiveSubscriber): () => void {
    const subscription = { window, saleId, subscriber };
    this.subscriptions.add(subscription);
    void this.publish([subscription]);
    this.ensureRunning();
    return () => {
      this.subscriptions.delete(subscription);
    };
  }

  /** Ends every stream (shutdown): clients reconnect to another instance or when it is back. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.heartbeat);
    this.timer = this.heartbeat = undefined;
    const ending = [...this.subscriptions].map(({ subscriber }) => subscriber.end());
    this.subscriptions.clear();
    await Promise.all(ending);
  }

  private ensureRunning(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => void this.tick(), this.o.intervalMs);
    this.heartbeat = setInterval(() => {
      for (const { subscriber } of this.subscriptions) subscriber.comment('heartbeat');
    }, this.o.heartbeatMs);
  }

  private async tick(): Promise<void> {
    if (this.subscriptions.size === 0) {
      clearInterval(this.timer);
      clearInterval(this.heartbeat);
      this.timer = this.heartbeat = undefined;
      return;
    }
    if (this.ticking) return; // a slow Redis: skip a beat rather than pile up reads
    this.ticking = true;
    try {
      await this.publish([...this.subscriptions]);
    } finally {
      this.ticking = false;
    }
  }

  /** Computes each window's snapshot and each sale's view once, and sends them to whoever asked. */
  private async publish(targets: readonly Subscription[]): Promise<void> {
    const snapshots = new Map<AnalyticsWindow, Promise<Settled>>();
    const sales = new Map<string, Promise<Settled>>();
    for (const t of targets) {
      if (!snapshots.has(t.window)) snapshots.set(t.window, settle(this.o.dashboards.snapshot(t.window)));
      if (t.saleId !== undefined && !sales.has(t.saleId)) sales.set(t.saleId, settle(this.o.dashboards.sale(t.saleId)));
    }
    for (const t of targets) {
      if (!this.subscriptions.has(t)) continue;
      this.send(t.subscriber, 'snapshot', await snapshots.get(t.window)!);
      if (t.saleId !== undefined) this.send(t.subscriber, 'sale', await sales.get(t.saleId)!);
    }
  }

  private send(subscriber: LiveSubscriber, name: string, settled: Settled): void {
    if (settled.ok) {
      subscriber.event(name, settled.value);
      return;
    }
    const answer = answerFor(settled.error, []);
    if (answer.status >= 500 && answer.status !== 503) this.o.logger.warn({ err: errorMessage(settled.error) }, 'live figures failed');
    subscriber.event(answer.status === 404 ? 'not-found' : 'unavailable', { error: { code: answer.code, message: answer.message } });
  }
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

function settle(promise: Promise<unknown>): Promise<Settled> {
  return promise.then(
    (value): Settled => ({ ok: true, value }),
    (error: unknown): Settled => ({ ok: false, error }),
  );
}
