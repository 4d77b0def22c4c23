import type { Logger } from '@shop/observability';
import type { CouponService } from '../application/coupon-service.js';

/**
 * Gives back the uses of coupon holds whose checkout died (never consumed nor released): every
 * `intervalMs` it releases the holds past their expiry by the service's clock. Each pass is one
 * statement per batch and safe to run on every instance at once (SKIP LOCKED).
 */
export class CouponHoldSweep {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly coupons: CouponService,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  /** One pass (skipped while the previous one runs); a database outage is logged and retried next tick. */
  sweep(): Promise<void> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async pass(): Promise<void> {
    try {
      let released: number;
      let total = 0;
      do {
        released = await this.coupons.releaseExpired(500);
        total += released;
      } while (released === 500);
      if (total > 0) this.logger.info({ released: total }, 'released expired coupon holds');
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'coupon hold sweep failed; retrying on the next tick');
    }
  }
}
