import type { Logger } from '@shop/observability';
import type { DemandPricing } from '../application/demand-pricing.js';

/**
 * Evaluates due demand rules every `everyMs` (a minute by default). Every instance runs it; a
 * rule's row lock makes one of them evaluate it. A failed pass (database down) is logged and the
 * next one tries again.
 */
export class DemandEvaluationJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly demand: DemandPricing,
    private readonly everyMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      // A pass still running (a slow database) is not overlapped by the next.
      if (this.running) return;
      this.running = this.pass().finally(() => (this.running = undefined));
    }, this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async pass(): Promise<void> {
    try {
      const evaluated = await this.demand.evaluateDue();
      for (const { ruleId, sku, decision } of evaluated) {
        if (decision.kind === 'evaluated' && decision.changed) {
          this.logger.info({ ruleId, sku, from: decision.from, to: decision.to, reason: decision.reason }, 'demand price changed');
        }
      }
    } catch (err) {
      this.logger.warn({ err: String(err) }, 'demand evaluation pass failed; the next one retries');
    }
  }
}
