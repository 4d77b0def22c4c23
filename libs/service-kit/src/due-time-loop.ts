import type { Clock } from '@shop/contracts';
import type { Logger } from '@shop/observability';

export interface DueTimeLoopOptions {
  /** Longest pause between two passes (what other instances changed is seen at this pace). */
  intervalMs: number;
  /** The warning logged when a pass throws (the loop goes on at the next interval). */
  failureMessage: string;
}

/**
 * One pass of a loop: does the work that is due and answers when the next work falls due (read
 * from the database, so a restart loses nothing), or null when nothing is scheduled. `stopped`
 * tells a pass that works in batches to end early.
 */
export type DuePass = (stopped: () => boolean) => Promise<Date | null>;

/**
 * Runs a pass at the instant the last one named or after `intervalMs`, whichever comes first, by
 * the service's clock (sale windows, price windows). `wakeAt` brings the next pass forward when this
 * instance learns of earlier work; during a pass it asks for another one right after. Every
 * instance of a service may run one: what a pass does must be safe to run on several.
 */
export class DueTimeLoop {
  private timer?: NodeJS.Timeout;
  /** When the sleeping timer fires (epoch ms). */
  private wakesAt = Infinity;
  private running?: Promise<void>;
  private stopped = true;
  private wakeRequested = false;

  constructor(
    private readonly pass: DuePass,
    private readonly deps: { clock: Clock; logger: Logger },
    private readonly options: DueTimeLoopOptions,
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

  /** Work falls due at `at` (now when absent): pass then if the timer sleeps longer (after the pass under way, if one is). */
  wakeAt(at?: Date): void {
    if (this.stopped) return;
    const atMs = at?.getTime() ?? this.deps.clock.now().getTime();
    if (atMs >= this.wakesAt) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    clearTimeout(this.timer);
    this.schedule(this.delayUntil(atMs));
  }

  /** +1 ms: a timer can fire a hair early, and work is due at its exact millisecond. */
  private delayUntil(atMs: number): number {
    return Math.max(0, atMs - this.deps.clock.now().getTime() + 1);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.wakesAt = this.deps.clock.now().getTime() + delayMs;
    this.timer = setTimeout(() => {
      this.wakesAt = Infinity;
      this.running = this.runPass().finally(() => (this.running = undefined));
    }, delayMs);
  }

  private async runPass(): Promise<void> {
    let delay = this.options.intervalMs;
    try {
      const next = await this.pass(() => this.stopped);
      if (next) delay = Math.min(delay, this.delayUntil(next.getTime()));
    } catch (err) {
      this.deps.logger.warn({ err }, this.options.failureMessage);
    }
    if (this.wakeRequested) {
      this.wakeRequested = false;
      delay = 0;
    }
    this.schedule(delay);
  }
}
