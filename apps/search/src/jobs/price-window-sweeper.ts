import type { Clock } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import type { Indexer } from '../application/indexer.js';
import { PRICE_READ_BATCH, type PriceFeed } from '../application/price-feed.js';

export interface PriceWindowSweeperOptions {
  /** Longest pause between two passes (another instance's marks and retries are seen at this pace). */
  intervalMs: number;
}

/**
 * Reads pricing again for the SKUs whose stored price is due — a scheduled price, price list or
 * flash sale window opens or closes (`until`), a change was announced, a failed read is retried —
 * at that instant (the next one is read from the database, so a restart loses nothing) or after
 * `intervalMs`, whichever comes first, by the service's clock. Every search instance runs one;
 * a SKU is claimed by one instance at a time.
 */
export class PriceWindowSweeper {
  private timer?: NodeJS.Timeout;
  /** When the sleeping timer fires (epoch ms). */
  private wakesAt = Infinity;
  private running?: Promise<void>;
  private stopped = true;
  private wakeRequested = false;

  constructor(
    private readonly deps: { indexer: Pick<Indexer, 'readDuePrices'>; prices: Pick<PriceFeed, 'nextDue'>; clock: Clock; logger: Logger },
    private readonly options: PriceWindowSweeperOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /**
   * A price read here holds until `at`: if the timer sleeps past it, the sweep runs then instead
   * (after the pass under way, if one is). Another instance's readings are seen at its next pass.
   */
  dueAt(at: Date): void {
    if (this.stopped || at.getTime() >= this.wakesAt) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    clearTimeout(this.timer);
    this.schedule(Math.max(0, at.getTime() - this.deps.clock.now().getTime() + 1));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.wakesAt = this.deps.clock.now().getTime() + delayMs;
    this.timer = setTimeout(() => {
      this.wakesAt = Infinity;
      this.running = this.pass().finally(() => (this.running = undefined));
    }, delayMs);
  }

  /** One pass: every due SKU, a batch at a time; then sleep until the next one is due. */
  async pass(): Promise<void> {
    let delay = this.options.intervalMs;
    try {
      while ((await this.deps.indexer.readDuePrices()) === PRICE_READ_BATCH && !this.stopped);
      const next = await this.deps.prices.nextDue();
      // +1 ms: a timer can fire a hair early, and a window's edge is due at its exact millisecond.
      if (next) delay = Math.min(delay, Math.max(0, next.getTime() - this.deps.clock.now().getTime() + 1));
    } catch (err) {
      this.deps.logger.warn({ err: (err as Error).message }, 'price window sweep failed; retrying');
    }
    if (this.wakeRequested) {
      this.wakeRequested = false;
      delay = 0;
    }
    this.schedule(delay);
  }
}
