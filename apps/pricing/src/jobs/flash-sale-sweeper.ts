import type { Clock } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import type { FlashSaleService } from '../application/flash-sale-service.js';

export interface FlashSaleSweeperOptions {
  /** Longest pause between two sweeps (repairs and sell-out checks happen at this pace). */
  intervalMs: number;
}

/**
 * Runs the flash-sale sweep in a loop: at the next start or end of a sale (read from the
 * database, so a restart loses nothing) or after `intervalMs`, whichever comes first. Every
 * pricing instance runs one; the store makes each life event once-only, so they never double.
 */
export class FlashSaleSweeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly sales: Pick<FlashSaleService, 'sweep' | 'nextBoundary'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: FlashSaleSweeperOptions,
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

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pass().finally(() => (this.running = undefined));
    }, delayMs);
  }

  private async pass(): Promise<void> {
    let delay = this.options.intervalMs;
    try {
      await this.sales.sweep();
      const next = await this.sales.nextBoundary();
      // +1 ms: a timer can fire a hair early, and the boundary is due at its exact millisecond.
      if (next) delay = Math.min(delay, Math.max(0, next.getTime() - this.clock.now().getTime() + 1));
    } catch (err) {
      this.logger.warn({ err }, 'flash sale sweep failed; retrying');
    }
    this.schedule(delay);
  }
}
