import type { Job } from 'bullmq';
import { createQueue, createWorker, type ManagedQueue, type ManagedWorker } from '@shop/messaging';
import type { Logger } from '@shop/observability';
import type { CheckoutStore } from '../application/checkout-store.js';
import type { CheckoutRecord } from '../domain/checkout.js';
import { messageOf, StepRetryError, type SagaRunner } from '../saga/saga-runner.js';

export const SAGA_QUEUE = 'checkout-saga';

export interface SagaJobData {
  checkoutId: string;
  /** Set when the enqueuer already recorded the start of the current action at this version. */
  startedAtVersion?: number;
}

/** How sagas are run, retried and recovered (from the environment: SAGA_*). */
export interface SagaSettings {
  /** Sagas run at once by this process (most of a saga's time is waiting on other services). */
  concurrency: number;
  /** Tries of one step before the saga goes dead (the first try included). */
  attempts: number;
  /** First retry delay; doubles each try (with jitter). */
  backoffMs: number;
  /** BullMQ lock: a job of a killed process is taken over after this long. */
  lockMs: number;
  /** How often the recovery sweep runs; it also runs at start. */
  sweepMs: number;
  /** An in-progress saga untouched this long has lost its job (a crash between commit and enqueue): re-enqueued. */
  staleMs: number;
  /** A checkout still preparing after this long was abandoned by its request: undone. */
  abandonMs: number;
  /**
   * Run a saga on in the process that prepared it, right after its request, instead of queuing
   * it (up to `concurrency` at once; past that it is queued). Jobs then carry only retries.
   */
  runAfterRequest: boolean;
}

export interface SagaJobsOptions extends SagaSettings {
  redisUrl: string;
  prefix: string;
  runner: SagaRunner;
  repository: CheckoutStore;
  logger: Logger;
  onDead?(checkout: CheckoutRecord): void;
}

/**
 * The saga's jobs on BullMQ. On the happy path a saga needs none: `continueAfterRequest` runs it
 * on in this process, and only a step to retry becomes a (delayed) job. Such a run is in no
 * queue, so if the process dies during it, the recovery sweep finds the saga untouched after
 * `staleMs` and queues it. A job runs its saga from the stored position as far as it goes (each
 * step still bracketed by its own writes). A step
 * that throws is retried with exponential backoff by BullMQ; once a job has moved the saga on,
 * the next failing step gets a fresh job, so every step has the whole retry budget. A step that
 * exhausts it moves the saga to `dead` (the dead-letter queue an admin inspects and retries).
 *
 * Job ids are `<checkout id>.v<version>`, so enqueuing the same saga at the same position twice
 * (a duplicate request, the recovery sweep) adds one job.
 */
export class SagaJobs {
  private readonly queue: ManagedQueue<SagaJobData>;
  private worker?: ManagedWorker<SagaJobData, void>;
  private sweepTimer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private stopped = false;
  /** Sagas running on after their request in this process. */
  private readonly runningHere = new Set<Promise<void>>();

  constructor(private readonly o: SagaJobsOptions) {
    this.queue = createQueue<SagaJobData>(SAGA_QUEUE, {
      redisUrl: o.redisUrl,
      prefix: o.prefix,
      defaultJobOptions: {
        attempts: o.attempts,
        backoff: { type: 'exponential', delay: o.backoffMs, jitter: 0.3 },
        removeOnComplete: true,
        // A failed job's id would block re-enqueuing the saga at that position; the saga's own state is the record.
        removeOnFail: true,
      },
    });
    this.queue.connection.on('error', () => undefined); // enqueue failures are handled where they happen
  }

  start(): void {
    this.worker = createWorker<SagaJobData, void>(SAGA_QUEUE, (job) => this.process(job), {
      redisUrl: this.o.redisUrl,
      prefix: this.o.prefix,
      concurrency: this.o.concurrency,
      worker: { lockDuration: this.o.lockMs, stalledInterval: Math.max(500, Math.floor(this.o.lockMs / 2)), maxStalledCount: 5 },
    });
    this.worker.connection.on('error', () => undefined);
    this.worker.worker.on('error', (err) => this.o.logger.warn({ err: messageOf(err) }, 'checkout saga worker error'));
    const sweepOnce = () => {
      this.sweeping ??= this.sweep().finally(() => (this.sweeping = undefined));
    };
    sweepOnce();
    this.sweepTimer = setInterval(sweepOnce, this.o.sweepMs);
    this.sweepTimer.unref();
  }

  /** Queues the saga's next run. Failing to (Redis down) is logged: the recovery sweep re-enqueues it later. */
  async enqueue(checkout: Pick<CheckoutRecord, 'id' | 'version'>, options: { startedAtVersion?: number; delayMs?: number } = {}): Promise<boolean> {
    try {
      await this.queue.queue.add(
        'advance',
        { checkoutId: checkout.id, ...(options.startedAtVersion !== undefined ? { startedAtVersion: options.startedAtVersion } : {}) },
        { jobId: `${checkout.id}.v${checkout.version}`, ...(options.delayMs ? { delay: options.delayMs } : {}) },
      );
      return true;
    } catch (err) {
      this.o.logger.warn({ checkoutId: checkout.id, err: messageOf(err) }, 'could not enqueue a checkout saga; the recovery sweep will');
      return false;
    }
  }

  /**
   * Goes on with a saga its request has just prepared: here, after the answer, when
   * `runAfterRequest` is on and fewer than `concurrency` such runs are under way; queued otherwise.
   */
  async continueAfterRequest(checkout: CheckoutRecord, startedAtVersion: number): Promise<void> {
    if (!this.o.runAfterRequest || this.stopped || this.runningHere.size >= this.o.concurrency) {
      await this.enqueue(checkout, { startedAtVersion });
      return;
    }
    const run = this.runHere(checkout, startedAtVersion).finally(() => this.runningHere.delete(run));
    this.runningHere.add(run);
  }

  /** Sagas running on after their requests in this process now. */
  get runningAfterRequest(): number {
    return this.runningHere.size;
  }

  private async runHere(checkout: CheckoutRecord, startedAtVersion: number): Promise<void> {
    try {
      // The checkout as the request left it: no read to start (a write that finds it moved on reloads).
      await this.o.runner.advance(checkout.id, { startedAtVersion, loaded: checkout });
    } catch (err) {
      if (err instanceof StepRetryError) {
        // The step had its first try here; its retries are a job's, with the whole budget (as after a job that progressed).
        this.o.logger.info({ checkoutId: checkout.id, step: err.action.step, attempt: 1, err: messageOf(err.cause) }, 'checkout saga step will be retried');
        await this.enqueue(err.checkout, { delayMs: this.o.backoffMs });
        return;
      }
      // The database is down, say: a job retries the saga from wherever it is stored (or the sweep will).
      this.o.logger.warn({ checkoutId: checkout.id, err: messageOf(err) }, 'checkout saga could not go on after its request; queued');
      await this.enqueue(checkout, { delayMs: this.o.backoffMs });
    }
  }

  private async process(job: Job<SagaJobData>): Promise<void> {
    const { checkoutId, startedAtVersion } = job.data;
    try {
      await this.o.runner.advance(checkoutId, { startedAtVersion: job.attemptsMade === 0 ? startedAtVersion : undefined });
    } catch (err) {
      if (!(err instanceof StepRetryError)) throw err; // the database is down, say: BullMQ retries
      if (err.progressed) {
        // This job moved the saga on; the step that failed gets its own job and retry budget.
        if (await this.enqueue(err.checkout, { delayMs: this.o.backoffMs })) return;
        throw err;
      }
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        const dead = await this.o.runner.giveUp(checkoutId, err);
        if (dead) this.o.onDead?.(dead);
        return;
      }
      this.o.logger.info({ checkoutId, step: err.action.step, attempt: job.attemptsMade + 1, err: messageOf(err.cause) }, 'checkout saga step will be retried');
      throw err;
    }
  }

  /** Re-enqueues in-progress sagas nobody touched lately and undoes checkouts their request abandoned. */
  async sweep(): Promise<void> {
    if (this.stopped) return;
    try {
      const now = Date.now();
      const stale = await this.o.repository.stale(new Date(now - this.o.staleMs), 500);
      for (const checkout of stale) {
        if (this.stopped) return;
        if (checkout.state === 'preparing') {
          if (checkout.updatedAt.getTime() > now - this.o.abandonMs) continue; // its request may still be running
          const undone = await this.o.runner.abandon(checkout.id);
          if ('refused' in undone) continue;
          this.o.logger.warn({ checkoutId: checkout.id }, 'checkout abandoned by its request; undoing it');
          await this.enqueue(undone);
          continue;
        }
        await this.enqueue(checkout);
      }
      if (stale.length > 0) this.o.logger.info({ sagas: stale.length }, 'recovery sweep re-enqueued checkout sagas');
    } catch (err) {
      this.o.logger.warn({ err: messageOf(err) }, 'checkout recovery sweep failed; it runs again later');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.sweeping?.catch(() => undefined);
    await Promise.all(this.runningHere); // each queues what it leaves unfinished
    await this.worker?.close();
    await this.queue.close();
  }
}
