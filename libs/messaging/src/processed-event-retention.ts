import { deleteInBatches, type PgPool } from '@shop/persistence/pg';
import { errorMessage, type LibraryLogger, silentLogger } from '@shop/observability';

const DELETE_RECORDED_SQL = `
  DELETE FROM messaging.processed_event WHERE (consumer, event_id) IN (
    SELECT consumer, event_id FROM messaging.processed_event
    WHERE consumer = ANY($1::text[]) AND processed_at < $2::timestamptz LIMIT $3::int)`;

/** Rows deleted per statement: short statements, so a large backlog never holds locks for long. */
const DELETE_BATCH = 5_000;

export interface ProcessedEventRetentionOptions {
  pool: PgPool;
  /** The consumer names whose records this process keeps (its consumer groups); other services' stay. */
  consumers: readonly string[];
  /**
   * How long a record is kept. It must outlast any redelivery of the event, a replay of the
   * producers' outboxes included (OUTBOX_RETENTION_HOURS): an event redelivered after its record
   * is gone would take effect twice. Undefined: kept for good (`start` does nothing).
   */
  retentionMs: number | undefined;
  /** How often to look (default 10 min); the first look is one interval after `start`. */
  everyMs?: number;
  logger?: LibraryLogger;
}

/**
 * Deletes a consumer's records of handled events (messaging.processed_event, written by
 * `ProcessedEvents` and the services' own once-only statements) once they are older than the
 * retention. Without it the table gains a row per event handled, for good.
 */
export class ProcessedEventRetention {
  private readonly everyMs: number;
  private readonly logger: LibraryLogger;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private pruning: Promise<void> | undefined;

  constructor(private readonly options: ProcessedEventRetentionOptions) {
    this.everyMs = options.everyMs ?? 600_000;
    this.logger = options.logger ?? silentLogger;
  }

  start(): void {
    if (this.running || this.options.retentionMs === undefined) return;
    this.running = true;
    this.schedule(this.options.retentionMs);
  }

  /** Stops looking; a prune under way ends after its current statement. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.pruning;
  }

  /** Deletes the consumers' records made before `before`, a few thousand per statement, while `goOn` says so. */
  async deleteRecordedBefore(before: Date, goOn: () => boolean = () => true): Promise<number> {
    return deleteInBatches(this.options.pool, DELETE_RECORDED_SQL, [this.options.consumers, before], DELETE_BATCH, goOn);
  }

  private schedule(retentionMs: number): void {
    this.timer = setTimeout(() => {
      this.pruning = this.prune(retentionMs).finally(() => {
        this.pruning = undefined;
        if (this.running) this.schedule(retentionMs);
      });
    }, this.everyMs);
    this.timer.unref();
  }

  private async prune(retentionMs: number): Promise<void> {
    try {
      const deleted = await this.deleteRecordedBefore(new Date(Date.now() - retentionMs), () => this.running);
      if (deleted > 0) this.logger.info({ consumers: this.options.consumers, deleted }, 'processed-event records past their retention deleted');
    } catch (error) {
      this.logger.warn({ consumers: this.options.consumers, err: errorMessage(error) }, 'processed-event retention: could not delete old records; next time');
    }
  }
}
