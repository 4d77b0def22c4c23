import type { EventEnvelope } from '@shop/contracts';
import { deleteInBatches, PG_KEEPALIVE, queryNamed, withPgTransaction, type PgPool } from '@shop/persistence/pg';
import pg from 'pg';
import type { EventBus } from './event-bus.js';
import { errorMessage, type LibraryLogger as MessagingLogger, silentLogger } from '@shop/observability';
import { OUTBOX_CHANNEL, OUTBOX_RELAY_LOCK } from './outbox.js';

const LISTEN_RETRY_MS = 10_000;

interface BatchRow {
  acquired: boolean;
  id: string | null;
  envelope: EventEnvelope | null;
}

/**
 * The source's lock (tried once, first) and, only if it was ours, the oldest unpublished rows:
 * always at least one row, which says whether the lock was taken.
 */
const SELECT_BATCH_SQL = `
  WITH lock AS MATERIALIZED (SELECT pg_try_advisory_xact_lock($1::int4, hashtext($2::text)) AS acquired)
  SELECT lock.acquired, o.id::text AS id, o.envelope
  FROM lock LEFT JOIN LATERAL (
    SELECT id, envelope FROM messaging.outbox_event
    WHERE lock.acquired AND source = $2::text AND published_at IS NULL
    ORDER BY id LIMIT $3::int
  ) o ON true
  ORDER BY o.id`;

const MARK_PUBLISHED_SQL = 'UPDATE messaging.outbox_event SET published_at = now() WHERE id = ANY($1::bigint[])';

/** One statement on the (source, published_at, id) index; the oldest row is the first by id. */
const BACKLOG_SQL = `
  SELECT count(*)::int AS unpublished,
         coalesce(extract(epoch FROM now() - (
           SELECT created_at FROM messaging.outbox_event
           WHERE source = $1::text AND published_at IS NULL ORDER BY id LIMIT 1)), 0)::float8 AS oldest_age_seconds
  FROM messaging.outbox_event
  WHERE source = $1::text AND published_at IS NULL`;

/** At most $3 of a source's rows published before $2, on the (source, published_at, id) index. */
const DELETE_PUBLISHED_SQL = `
  DELETE FROM messaging.outbox_event WHERE id IN (
    SELECT id FROM messaging.outbox_event WHERE source = $1::text AND published_at < $2::timestamptz LIMIT $3::int)`;

/** Rows deleted per statement when pruning: short statements, so a large backlog of old rows never holds locks for long. */
const DELETE_BATCH = 5_000;

export interface OutboxRelayOptions {
  /**
   * The service's database (a Prisma service passes `pgPoolOf(prisma)`). Plain `pg`: a service
   * without Prisma of its own (inventory) need not load Prisma's client for its relay.
   */
  pool: PgPool;
  bus: EventBus;
  /** The service whose outbox rows this relay publishes (`appendToOutbox`'s `source`). */
  source: string;
  /** Rows per transaction. Default 100. */
  batchSize?: number;
  /** Idle wait between polls. Default 1 s. */
  pollIntervalMs?: number;
  /** Longest a batch transaction may wait on Redis before the database ends it (and the batch goes again). Default 15 s. */
  transactionTimeoutMs?: number;
  /** LISTEN for `appendToOutbox(..., { notify: true })` on this database to publish at once. */
  listen?: { databaseUrl: string };
  /**
   * Published rows are kept this long (for audit and replay), then deleted by the relay, which
   * looks every `pruneEveryMs` (default 10 min). Absent: kept for good.
   */
  retentionMs?: number;
  pruneEveryMs?: number;
  logger?: MessagingLogger;
}

/** A source's rows not yet published (read by `OutboxRelay.backlog()`). */
export interface OutboxBacklog {
  source: string;
  unpublished: number;
  /** Age of the oldest unpublished row (by the database's clock); 0 when none is waiting. */
  oldestAgeSeconds: number;
}

export interface RelayBatchResult {
  published: number;
  /** False when another relay of the same source held the lock, so this one did nothing. */
  acquired: boolean;
}

/**
 * Publishes a service's committed outbox rows to the event bus, in id order, at least once.
 *
 * Each batch is one transaction that holds a per-source advisory lock: only one relay of a source
 * publishes at a time (row locks with SKIP LOCKED would let a second relay publish later rows
 * first). A crash between publishing and marking republishes the batch; consumers are idempotent.
 */
export class OutboxRelay {
  private readonly pool: PgPool;
  private readonly bus: EventBus;
  private readonly source: string;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly transactionTimeoutMs: number;
  private readonly listenUrl: string | undefined;
  private readonly retentionMs: number | undefined;
  private readonly pruneEveryMs: number;
  private readonly logger: MessagingLogger;

  private running = false;
  private loop: Promise<void> | null = null;
  private wakeWaiter: (() => void) | null = null;
  private wakeRequested = false;
  private listener: pg.Client | null = null;
  private nextListenAttemptAt = 0;
  private nextPruneAt = 0;

  constructor(options: OutboxRelayOptions) {
    this.pool = options.pool;
    this.bus = options.bus;
    this.source = options.source;
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.transactionTimeoutMs = options.transactionTimeoutMs ?? 15_000;
    this.listenUrl = options.listen?.databaseUrl;
    this.retentionMs = options.retentionMs;
    this.pruneEveryMs = options.pruneEveryMs ?? 600_000;
    this.logger = options.logger ?? silentLogger;
    if (!(Number.isInteger(this.batchSize) && this.batchSize > 0)) throw new Error('batchSize must be a positive integer');
  }

  async start(): Promise<void> {
    if (this.running) throw new Error(`OutboxRelay ${this.source} is already started`);
    this.running = true;
    if (this.listenUrl) await this.listen(this.listenUrl).catch((error: unknown) => this.listenFailed(error));
    this.loop = this.run();
  }

  /** Lets the batch in progress commit, then returns. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loop;
    this.loop = null;
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  /** Asks the loop to look for rows now instead of at the next poll. */
  wake(): void {
    if (this.wakeWaiter) this.wakeWaiter();
    else this.wakeRequested = true;
  }

  /**
   * Publishes up to `batchSize` unpublished rows in one transaction and marks them published.
   * When publishing fails part-way, the rows published so far are still marked, then the error
   * is thrown: the rest go out, in order, on the next batch.
   */
  async relayBatch(): Promise<RelayBatchResult> {
    // The batch's transaction holds the source's lock while it publishes; a batch stuck on Redis
    // loses its session (and the lock) after the timeout, and is published again later. Its commit
    // only marks rows published: if a crash loses it, they go out again (at least once), so it
    // need not wait for the WAL flush.
    const begin = `BEGIN; SET LOCAL idle_in_transaction_session_timeout = ${this.transactionTimeoutMs}; SET LOCAL synchronous_commit = off`;
    const { result, failure } = await withPgTransaction(
      this.pool,
      async (client): Promise<{ result: RelayBatchResult; failure?: Error }> => {
        const rows = await queryNamed<BatchRow>(client, 'outbox_relay_batch', SELECT_BATCH_SQL, [OUTBOX_RELAY_LOCK, this.source, this.batchSize]);
        const acquired = rows[0]?.acquired === true;
        const batch = rows.filter((row): row is BatchRow & { id: string; envelope: EventEnvelope } => row.id !== null);
        if (batch.length === 0) return { result: { published: 0, acquired } };
        const { appended, failure } = await this.bus.publishAll(batch.map((row) => row.envelope));
        const published = batch.filter((_, i) => appended[i]).map((row) => row.id);
        if (published.length > 0) await queryNamed(client, 'outbox_relay_mark', MARK_PUBLISHED_SQL, [published]);
        return { result: { published: published.length, acquired }, failure };
      },
      begin,
    );
    // What went out is marked; the rows after a refused one in its stream wait for the next batch, in order.
    if (failure) throw failure;
    return result;
  }

  /** Relays batches until no unpublished row is left (or another relay holds the lock). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const { published, acquired } = await this.relayBatch();
      total += published;
      if (!acquired || published < this.batchSize) return total;
    }
  }

  /** How many of this source's rows wait to be published, and how long the oldest has waited. */
  async backlog(): Promise<OutboxBacklog> {
    const [row] = await queryNamed<{ unpublished: number; oldest_age_seconds: number }>(this.pool, 'outbox_relay_backlog', BACKLOG_SQL, [this.source]);
    // now() is the statement's start: a row committed since can look a few ms younger than 0.
    return { source: this.source, unpublished: row?.unpublished ?? 0, oldestAgeSeconds: Math.max(0, row?.oldest_age_seconds ?? 0) };
  }

  /**
   * Deletes this source's rows published before `before`, a few thousand per statement, while
   * `goOn` says so; published rows are kept for audit until then.
   */
  async deletePublishedBefore(before: Date, goOn: () => boolean = () => true): Promise<number> {
    return deleteInBatches(this.pool, DELETE_PUBLISHED_SQL, [this.source, before], DELETE_BATCH, goOn);
  }

  /** Deletes the rows published longer ago than the retention, when it is time to look again (a stop ends it between statements). */
  private async pruneWhenDue(): Promise<void> {
    if (this.retentionMs === undefined || Date.now() < this.nextPruneAt) return;
    this.nextPruneAt = Date.now() + this.pruneEveryMs;
    try {
      const deleted = await this.deletePublishedBefore(new Date(Date.now() - this.retentionMs), () => this.running);
      if (deleted > 0) this.logger.info({ source: this.source, deleted }, 'outbox rows past their retention deleted');
    } catch (error) {
      this.logger.warn({ source: this.source, err: errorMessage(error) }, 'outbox retention: could not delete old rows; next time');
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let more = false;
      try {
        if (this.listenUrl && !this.listener && Date.now() >= this.nextListenAttemptAt) {
          await this.listen(this.listenUrl).catch((error: unknown) => this.listenFailed(error));
        }
        const { published } = await this.relayBatch();
        more = published === this.batchSize;
      } catch (error) {
        this.logger.error({ source: this.source, err: errorMessage(error) }, 'outbox relay batch failed');
      }
      if (!more && this.running) await this.pruneWhenDue();
      if (!more && this.running) await this.idle(this.pollIntervalMs);
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeWaiter = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeWaiter = done;
      if (this.wakeRequested) done();
      this.wakeRequested = false;
    });
  }

  private async listen(databaseUrl: string): Promise<void> {
    // Keepalive: a listener on a link gone silent errors out and is replaced, instead of idling on it.
    const client = new pg.Client({ connectionString: databaseUrl, application_name: `outbox-relay:${this.source}`, ...PG_KEEPALIVE });
    client.on('notification', (message) => {
      if (message.channel === OUTBOX_CHANNEL && message.payload === this.source) this.wake();
    });
    client.on('error', (error) => {
      // Polling carries on; the loop reconnects the listener on its next turn.
      this.listenFailed(error);
      if (this.listener === client) this.listener = null;
      client.end().catch(() => undefined);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listener = client;
    // Rows committed while no one listened are found by this wake-up.
    this.wake();
  }

  private listenFailed(error: unknown): void {
    this.nextListenAttemptAt = Date.now() + LISTEN_RETRY_MS;
    this.logger.warn({ source: this.source, err: errorMessage(error) }, 'outbox relay cannot LISTEN; polling only');
  }
}
