import type { Clock } from '@shop/contracts';
import { createQueue, createWorker, type ManagedQueue, type ManagedWorker } from '@shop/messaging';
import type { Logger } from '@shop/observability';

export const EXPIRY_QUEUE = 'inventory-expiry';

export interface ExpiryJobData {
  partition: number;
}

export interface ExpiryJobsOptions {
  redisUrl: string;
  prefix: string;
  clock: Clock;
  logger: Logger;
  /** Expires what is due in the partition, wherever it is served. */
  expire: (partition: number) => Promise<unknown>;
  /** Partitions served here whose holds are due (for the sweeper). */
  duePartitions: (now: number) => number[];
  sweepEveryMs: number;
}

/**
 * Reservation expiry, two ways that each suffice:
 * - BullMQ delayed jobs, one per partition and second of expiry (job id `p<partition>-<second>`,
 *   so the reservations of one second share one job and a job added twice exists once), run by
 *   any instance's worker and executed by the partition's owner;
 * - a sweeper that regularly expires whatever is due in the partitions served here (a lost job,
 *   Redis down, a restart: the holds are in the partition snapshot, loaded from the database).
 * Expiry itself is a command of the partition's actor: held -> expired happens once, however many
 * jobs or sweeps ask for it.
 */
export class ExpiryJobs {
  private readonly queue: ManagedQueue<ExpiryJobData>;
  private readonly worker: ManagedWorker<ExpiryJobData, unknown>;
  private readonly scheduled = new Set<string>();
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(private readonly options: ExpiryJobsOptions) {
    this.queue = createQueue<ExpiryJobData>(EXPIRY_QUEUE, {
      redisUrl: options.redisUrl,
      prefix: options.prefix,
      defaultJobOptions: { removeOnComplete: true, removeOnFail: 1000, attempts: 8, backoff: { type: 'exponential', delay: 500 } },
    });
    this.queue.connection.on('error', () => undefined);
    this.worker = createWorker<ExpiryJobData, unknown>(EXPIRY_QUEUE, (job) => options.expire(job.data.partition), {
      redisUrl: options.redisUrl,
      prefix: options.prefix,
      concurrency: 4,
    });
    this.worker.connection.on('error', () => undefined);
    this.worker.worker.on('error', () => undefined);
    this.worker.worker.on('failed', (job, err) => {
      options.logger.warn({ partition: job?.data.partition, err: err.message }, 'expiry job failed; it is retried');
    });
  }

  start(): void {
    this.sweepTimer = setInterval(() => void this.sweep(), this.options.sweepEveryMs);
    this.sweepTimer.unref();
  }

  /** Makes sure a job fires when these holds of the partition expire (epoch ms). */
  schedule(partition: number, expiries: Iterable<number>): void {
    const now = this.options.clock.now().getTime();
    for (const expiresAt of expiries) {
      const second = Math.ceil(expiresAt / 1000);
      const jobId = `p${partition}-${second}`;
      if (this.scheduled.has(jobId)) continue;
      this.scheduled.add(jobId);
      this.queue.queue.add('expire', { partition }, { jobId, delay: Math.max(0, second * 1000 - now) }).catch((err: unknown) => {
        this.scheduled.delete(jobId);
        this.options.logger.warn({ partition, err: String(err) }, 'could not schedule an expiry job; the sweeper expires the holds');
      });
    }
    // Forget ids of past seconds so the set stays small (their jobs have run or will by the sweep).
    if (this.scheduled.size > 10_000) this.scheduled.clear();
  }

  /** Expires what is due in every partition served here; one sweep at a time. */
  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const now = this.options.clock.now().getTime();
      await Promise.all(
        this.options.duePartitions(now).map((p) =>
          this.options.expire(p).catch((err: unknown) => this.options.logger.warn({ partition: p, err: String(err) }, 'expiry sweep failed')),
        ),
      );
    } finally {
      this.sweeping = false;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.worker.close();
    await this.queue.close();
  }
}
