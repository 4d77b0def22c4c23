import { performance } from 'node:perf_hooks';
import type { Clock } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import { isEmptyDelta, type BatchDelta } from '../domain/batch-delta.js';
import type { Command, Outcome } from '../domain/commands.js';
import { PartitionSnapshot } from '../domain/partition-snapshot.js';
import { applyDelta, decideBatch } from '../domain/reservation-decider.js';
import type { InventoryMetrics } from '../inventory-metrics.js';
import { DivergedError, FencedError, KeyConflictError } from '../adapters/batch-errors.js';
import type { BatchSession, PartitionStore } from '../adapters/partition-store.js';
import { OverloadedError, PartitionUnavailableError } from './actor-errors.js';
import { isServing, isStopping, nextState, type ActorEvent, type ActorState } from './actor-lifecycle.js';
import { CommitPipeline, NOTHING_TO_COMMIT, settledCommit, type Flight } from './commit-pipeline.js';
import { Mailbox } from './mailbox.js';
import { PartitionLease } from './partition-lease.js';

export type ActorStore = Pick<PartitionStore, 'session' | 'acquireLease' | 'releaseLease' | 'loadSnapshot' | 'reservationsByKeys'>;

export interface ActorOptions {
  partition: number;
  /** This instance's id: the lease owner. */
  owner: string;
  store: ActorStore;
  clock: Clock;
  metrics: InventoryMetrics;
  logger: Logger;
  /** Most commands waiting; beyond it `submit` refuses at once. */
  mailboxLimit: number;
  /** Most commands decided and committed together. */
  maxBatch: number;
  /** Finished reservations stay in memory this long for idempotent replays (the database answers older ones). */
  keyWindowMs: number;
  /** Pause between attempts to take the lease while another owner holds it. */
  acquireRetryMs: number;
  /** How long a command may wait for the partition to become ready (acquired and loaded). */
  readyWaitMs: number;
  /** Called after each committed batch (e.g. to schedule expiry jobs); must not throw. */
  onCommitted?: (partition: number, delta: BatchDelta) => void;
}

interface Pending {
  command: Command;
  resolve: (outcome: Outcome) => void;
  reject: (error: unknown) => void;
  queuedAt: number;
  /** Times its batch was refused and the command decided again. */
  attempts: number;
}

/** Why the actor (re)takes its lease and reloads: the lifecycle events that lead to acquiring. */
type RecoverEvent = Extract<ActorEvent, 'start' | 'leaseLost' | 'outcomeUnknown' | 'reloadFailed' | 'fenced' | 'crashed'>;

/** A command is decided again this many times (reloading in between) before its request fails. */
const MAX_ATTEMPTS = 4;

/**
 * Commands that decide the same way when decided again after their batch was undone: a
 * reservation whose key committed replays, a hold that exists stays, a read reads again. Only these are pipelined.
 */
const pipelinable = (c: Command): boolean => c.kind === 'reserve' || c.kind === 'hold' || c.kind === 'readSaleLimit';
const pendingPipelinable = (p: Pending): boolean => pipelinable(p.command);

/** The database refused the batch (nothing was written, the connection is fine), as opposed to a broken connection. */
const isRefusal = (error: unknown): boolean => error instanceof FencedError || error instanceof DivergedError || error instanceof KeyConflictError;

/**
 * One partition's actor: its commands queue in a bounded mailbox; a single loop takes up to
 * `maxBatch` of them, decides them all against the in-memory snapshot, hands the result to the
 * commit pipeline (ONE statement per batch, conditional on the partition lease), and answers every
 * command of the batch only once that statement committed. Reservation batches are pipelined two
 * deep on one connection: the next is decided on top of the one in flight and may only commit if
 * that one did (chained). Outcomes move the lifecycle (actor-lifecycle.ts): a refused commit
 * (stale lease, diverged rows, key used elsewhere) reloads the snapshot and decides its commands —
 * and those of the batch behind it — again; an unknown outcome (the database went away
 * mid-commit) answers 503 and takes the lease and reloads before anything else is decided.
 */
export class ReservationActor {
  readonly partition: number;
  private state: ActorState = 'created';
  private readonly mailbox: Mailbox<Pending>;
  private readonly pipeline = new CommitPipeline<Pending>();
  private readonly lease: PartitionLease;
  private snapshot: PartitionSnapshot | undefined;
  /** The connection the batches in flight travel on. */
  private session: BatchSession | undefined;
  private draining: Promise<void> | undefined;
  private acquiring: Promise<void> | undefined;
  private readyWaiters: (() => void)[] = [];
  private sendScheduled = false;
  private staleTimer: NodeJS.Timeout | undefined;
  private readonly stopSignal = new AbortController();

  constructor(private readonly options: ActorOptions) {
    this.partition = options.partition;
    this.mailbox = new Mailbox(options.mailboxLimit);
    this.lease = new PartitionLease({
      partition: options.partition,
      owner: options.owner,
      store: options.store,
      retryMs: options.acquireRetryMs,
      logger: options.logger,
    });
  }

  /** Lease held and snapshot loaded (possibly reloading after a refused batch). */
  get isReady(): boolean {
    return isServing(this.state);
  }

  get depth(): number {
    return this.mailbox.length;
  }

  /** Batches sent and not yet answered. */
  get inFlight(): number {
    return this.pipeline.size;
  }

  /** The fencing token of the lease this actor writes under (tests, diagnostics). */
  get leaseToken(): number | undefined {
    return this.lease.token;
  }

  /** Read-only view of the snapshot for answers that need no decision (stock reads). */
  get view(): PartitionSnapshot | undefined {
    return isServing(this.state) ? this.snapshot : undefined;
  }

  /** Takes the lease (retrying while another owner holds it) and loads the snapshot, in the background. */
  start(): void {
    this.recover('start');
  }

  /** Resolves once ready, or false after `timeoutMs`. */
  async whenReady(timeoutMs: number): Promise<boolean> {
    if (isServing(this.state)) return true;
    if (isStopping(this.state)) return false;
    let timer: NodeJS.Timeout | undefined;
    const ready = await Promise.race([
      new Promise<boolean>((resolve) => this.readyWaiters.push(() => resolve(true))),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    return ready;
  }

  submit(command: Command): Promise<Outcome> {
    if (isStopping(this.state)) {
      this.options.metrics.refusals.inc({ reason: 'unavailable' });
      return Promise.reject(new PartitionUnavailableError(this.partition, 'handed over'));
    }
    if (this.mailbox.isFull) {
      this.options.metrics.refusals.inc({ reason: 'overloaded' });
      return Promise.reject(new OverloadedError(this.partition));
    }
    return new Promise<Outcome>((resolve, reject) => {
      this.mailbox.push({ command, resolve, reject, queuedAt: Date.now(), attempts: 0 });
      if (!isServing(this.state)) this.watchStaleCommands();
      else if (!this.draining) this.kick();
      else this.scheduleSend();
    });
  }

  /** The lease was lost (renewal found another token): stop deciding until it is ours again. */
  leaseLost(): void {
    if (!isServing(this.state)) return;
    this.options.logger.warn({ partition: this.partition }, 'partition lease lost; reacquiring');
    this.recover('leaseLost');
  }

  /**
   * Hands the partition over: finishes the batch in flight, refuses what is queued (the callers
   * retry on the new owner), gives the lease up.
   */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.apply('stop');
    this.stopSignal.abort();
    await this.draining;
    await this.acquiring;
    clearInterval(this.staleTimer);
    this.rejectAll(new PartitionUnavailableError(this.partition, 'handed over'));
    this.snapshot = undefined;
    await this.lease.release();
    this.apply('released');
  }

  /** Expiry and pruning work for the sweeper: anything due? */
  hasDueHolds(now: number): boolean {
    const next = this.snapshot?.nextExpiry();
    return next !== undefined && next <= now;
  }

  /** Moves the lifecycle on; false (and no change) when the event does not apply in this state. */
  private apply(event: ActorEvent): boolean {
    const next = nextState(this.state, event);
    if (next === undefined) return false;
    this.state = next;
    return true;
  }

  private kick(): void {
    if (this.draining || this.state !== 'ready' || this.mailbox.length === 0) return;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      this.kick();
    });
  }

  /**
   * Takes batches from the mailbox, decides each against the snapshot and sends it; up to
   * PIPELINE_DEPTH reservation batches travel at once on one connection (the next is decided on
   * top of the previous, whose effects are applied to the snapshot as it is sent). A batch is
   * answered only once it — and every batch before it — committed. When one fails, everything
   * sent after it is undone in memory too: the snapshot is reloaded from the database and the
   * commands are decided again (reservations and holds decide the same way twice: a key that did
   * commit replays, a hold that exists stays), or refused.
   */
  private async drain(): Promise<void> {
    const { pipeline, mailbox } = this;
    try {
      while (pipeline.size > 0 || (this.state === 'ready' && mailbox.length > 0)) {
        if (this.state === 'ready' && !this.session && mailbox.length > 0) this.session = await this.options.store.session();
        if (this.session) this.send(this.session);
        const head = pipeline.head;
        if (!head) break;
        const error = await head.done;
        if (error === undefined) {
          pipeline.shift();
          this.committed(head);
          if (head.delta.reloadAfterCommit && this.apply('reloadNeeded')) {
            await this.reload().then(
              () => this.apply('reloaded'),
              () => this.recover('reloadFailed'),
            );
          }
          continue;
        }
        // Nothing new is sent until the failure is handled (the snapshot is being reloaded).
        this.apply('batchFailed');
        const failed = await pipeline.abandon();
        this.session?.end(!isRefusal(error));
        this.session = undefined;
        await this.afterFailure(error, failed);
      }
    } catch (err) {
      // A bug or a lost connection while opening a session: no promise may be left hanging.
      this.options.logger.error({ err, partition: this.partition }, 'batch processing failed');
      for (const f of pipeline.clear()) for (const p of f.batch) p.reject(err);
      this.session?.end(true);
      this.session = undefined;
      this.recover('crashed');
    } finally {
      this.session?.end(false);
      this.session = undefined;
    }
  }

  /**
   * Commands that arrive while a batch is in flight are sent as the next batch at the next turn
   * of the event loop (group commit across the connection's pipeline), not only when the batch in
   * flight has answered: under load the answer waits for the event loop, the database need not.
   */
  private scheduleSend(): void {
    if (this.sendScheduled || !this.pipeline.hasRoom) return;
    this.sendScheduled = true;
    setImmediate(this.sendScheduledBatch);
  }

  private readonly sendScheduledBatch = (): void => {
    this.sendScheduled = false;
    if (this.session && this.state === 'ready') this.send(this.session);
  };

  /** Decides and sends batches while the pipeline has room. */
  private send(session: BatchSession): void {
    const { pipeline, mailbox, options } = this;
    while (this.state === 'ready' && mailbox.length > 0) {
      const snapshot = this.snapshot;
      const token = this.lease.token;
      if (!snapshot || token === undefined) return;
      // Only reservation batches follow one in flight (see drain); others wait for an empty pipeline.
      if (!pipeline.admits(pipelinable(mailbox.peek()!.command))) return;
      const following = pipeline.size > 0;
      const batch = following ? mailbox.takeWhile(options.maxBatch, pendingPipelinable) : mailbox.take(options.maxBatch);
      const commands = batch.map((p) => p.command);
      const now = options.clock.now().getTime();
      const { outcomes, delta } = decideBatch(snapshot, commands, now);
      const pipelined = commands.every(pipelinable);
      if (isEmptyDelta(delta)) {
        // Nothing to write; but replays of a batch in flight may only be answered after it.
        if (!following) this.settle(batch, outcomes);
        else pipeline.add({ batch, outcomes, delta, started: performance.now(), pipelined, done: NOTHING_TO_COMMIT });
        continue;
      }
      applyDelta(snapshot, delta);
      if (commands.some((c) => c.kind === 'expireDue')) snapshot.forgetFinishedBefore(now - options.keyWindowMs);
      // Chained to the last batch in flight that writes: it must have committed for this one to.
      const commit = session.commit({ partition: this.partition, owner: options.owner, token }, delta, pipeline.chainLink());
      pipeline.add({ batch, outcomes, delta, started: performance.now(), pipelined, done: settledCommit(commit) });
    }
  }

  private committed(flight: Flight<Pending>): void {
    if (!isEmptyDelta(flight.delta)) {
      this.options.metrics.commitSeconds.observe((performance.now() - flight.started) / 1000);
      this.options.metrics.batchSize.observe(flight.batch.length);
    }
    // Answer after the next batch went to the database: writing a hundred responses takes
    // time the database can spend on the next commit.
    setImmediate(() => this.settle(flight.batch, flight.outcomes));
    this.options.onCommitted?.(this.partition, flight.delta);
  }

  /**
   * The first failed batch's error decides: decide again after a reload (diverged, key used
   * elsewhere, fenced but the lease could be taken back), or refuse (fenced by a live owner, the
   * outcome unknown). Batches sent after it are decided again whenever possible.
   */
  private async afterFailure(error: unknown, failed: Flight<Pending>[]): Promise<void> {
    const { metrics, logger } = this.options;
    const pending = failed.flatMap((f) => f.batch);
    // The lease was lost or the partition handed over meanwhile: whoever serves it next decides them.
    if (this.state !== 'reloading') {
      this.retry(pending, error);
      return;
    }
    try {
      if (error instanceof KeyConflictError) {
        metrics.conflicts.inc({ reason: 'key' });
        await this.reload();
        const keys = pending.flatMap((p) => (p.command.kind === 'reserve' ? [p.command.idempotencyKey] : []));
        for (const header of await this.options.store.reservationsByKeys(keys)) this.snapshot?.rememberKey(header);
      } else if (error instanceof DivergedError) {
        metrics.conflicts.inc({ reason: 'diverged' });
        logger.warn({ partition: this.partition, err: error.message }, 'batch refused: snapshot diverged from the database; reloading');
        await this.reload();
      } else if (error instanceof FencedError) {
        metrics.conflicts.inc({ reason: 'fenced' });
        logger.warn({ partition: this.partition }, 'batch refused: another owner holds the partition lease');
        // Maybe the other owner is gone and the lease is free again: take it, reload, decide again.
        if (!(await this.lease.retake())) {
          this.recover('fenced');
          for (const p of pending) p.reject(new PartitionUnavailableError(this.partition, 'another instance owns it'));
          return;
        }
        await this.reload();
      } else {
        // The database went away mid-commit: those batches may or may not have committed. Answer
        // with the failure (clients retry with the same key) and reload before deciding anything else.
        this.recover('outcomeUnknown');
        for (const p of pending) p.reject(asError(error));
        return;
      }
    } catch {
      // The database went away while recovering: wait for it like after any unknown outcome.
      this.recover('reloadFailed');
      this.retry(pending, error);
      return;
    }
    this.apply('reloaded');
    this.retry(pending, error);
  }

  /** Puts commands back at the head of the mailbox to be decided again, or refuses them after too many tries. */
  private retry(pending: Pending[], error: unknown): void {
    const again = pending.filter((p) => {
      p.attempts++;
      if (p.attempts < MAX_ATTEMPTS) return true;
      p.reject(error instanceof FencedError ? new PartitionUnavailableError(this.partition, 'another instance owns it') : asError(error));
      return false;
    });
    if (again.length > 0) this.options.metrics.retries.inc();
    this.requeue(again);
  }

  private async reload(): Promise<void> {
    const now = this.options.clock.now().getTime();
    const data = await this.options.store.loadSnapshot(this.partition, now - this.options.keyWindowMs);
    this.snapshot = PartitionSnapshot.from(this.partition, data);
  }

  /** Leaves serving and, in the background, takes the lease again and reloads until it works. */
  private recover(event: RecoverEvent): void {
    if (!this.apply(event)) return;
    this.snapshot = undefined;
    // Commands already queued wait at most readyWaitMs for the partition to be back.
    this.watchStaleCommands();
    const acquiring = this.acquireAndLoad(event).finally(() => {
      if (this.acquiring === acquiring) this.acquiring = undefined;
    });
    this.acquiring = acquiring;
  }

  private async acquireAndLoad(reason: RecoverEvent): Promise<void> {
    const attempts = await this.lease.acquire(this.stopSignal.signal, () => this.load());
    if (attempts === undefined || !this.apply('loaded')) return;
    if (attempts > 1 || reason !== 'start') this.options.logger.info({ partition: this.partition, token: this.lease.token, reason, attempts }, 'partition ready');
    for (const wake of this.readyWaiters.splice(0)) wake();
    this.kick();
  }

  /** Loads the snapshot under the lease just taken. */
  private async load(): Promise<void> {
    this.apply('leaseTaken');
    try {
      await this.reload();
    } catch (err) {
      this.apply('loadFailed');
      throw err;
    }
  }

  /** While not ready, commands wait at most `readyWaitMs`, then get 503 so callers can retry elsewhere. */
  private watchStaleCommands(): void {
    if (this.staleTimer) return;
    this.staleTimer = setInterval(() => {
      if (isServing(this.state) || this.mailbox.length === 0) {
        clearInterval(this.staleTimer);
        this.staleTimer = undefined;
        return;
      }
      const stale = this.mailbox.takeQueuedBy(Date.now() - this.options.readyWaitMs);
      if (stale.length === 0) return;
      this.options.metrics.refusals.inc({ reason: 'unavailable' }, stale.length);
      for (const p of stale) p.reject(new PartitionUnavailableError(this.partition, 'not ready'));
    }, Math.min(100, this.options.readyWaitMs));
    this.staleTimer.unref();
  }

  private requeue(batch: Pending[]): void {
    if (isStopping(this.state)) {
      for (const p of batch) p.reject(new PartitionUnavailableError(this.partition, 'handed over'));
      return;
    }
    this.mailbox.putBack(batch);
    this.watchStaleCommands();
  }

  private settle(batch: Pending[], outcomes: Outcome[]): void {
    for (let i = 0; i < batch.length; i++) batch[i]!.resolve(outcomes[i]!);
  }

  private rejectAll(error: Error): void {
    for (const p of this.mailbox.takeAll()) p.reject(error);
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
