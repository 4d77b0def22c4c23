import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
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

type State = 'acquiring' | 'ready' | 'stopping' | 'stopped';

interface Pending {
  command: Command;
  resolve: (outcome: Outcome) => void;
  reject: (error: unknown) => void;
  queuedAt: number;
  /** Times its batch was refused and the command decided again. */
  attempts: number;
}

/** A batch sent to the database and not yet answered. */
interface Flight {
  batch: Pending[];
  outcomes: Outcome[];
  delta: BatchDelta;
  started: number;
  /** Only reservations and holds: another batch of those may follow it before it is answered. */
  pipelined: boolean;
  /** Undefined once committed, else the error (never rejects). */
  done: Promise<unknown>;
}

/** A command is decided again this many times (reloading in between) before its request fails. */
const MAX_ATTEMPTS = 4;
/** Batches in flight at once for one partition. */
const PIPELINE_DEPTH = 2;

/**
 * Commands that decide the same way when decided again after their batch was undone: a
 * reservation whose key committed replays, a hold that exists stays. Only these are pipelined.
 */
const pipelinable = (c: Command): boolean => c.kind === 'reserve' || c.kind === 'hold';

/**
 * One partition's actor: its commands queue in a bounded mailbox; a single loop takes up to
 * `maxBatch` of them, decides them all against the in-memory snapshot, commits the result in ONE
 * statement conditional on the partition lease, and answers every command of the batch only once
 * that statement committed. Reservation batches are pipelined two deep on one connection: the
 * next is decided on top of the one in flight and may only commit if that one did (chained). A
 * refused commit (stale lease, diverged rows) reloads the snapshot and decides its commands — and
 * those of the batch behind it — again; an unknown outcome (the database went away mid-commit)
 * answers 503 and reloads before anything else is decided.
 */
export class ReservationActor {
  readonly partition: number;
  private state: State = 'acquiring';
  private readonly mailbox: Pending[] = [];
  private draining: Promise<void> | undefined;
  private acquiring: Promise<void> | undefined;
  private snapshot: PartitionSnapshot | undefined;
  private token: number | undefined;
  private readyWaiters: (() => void)[] = [];
  /** Batches sent and not yet answered, oldest first; the connection they travel on. */
  private readonly flights: Flight[] = [];
  private session: BatchSession | undefined;
  /** While a failure is handled nothing new is sent (the snapshot is being reloaded). */
  private sendsPaused = false;
  private sendScheduled = false;
  private staleTimer: NodeJS.Timeout | undefined;
  private readonly stopSignal = new AbortController();

  constructor(private readonly options: ActorOptions) {
    this.partition = options.partition;
  }

  get isReady(): boolean {
    return this.state === 'ready';
  }

  get depth(): number {
    return this.mailbox.length;
  }

  /** Batches sent and not yet answered. */
  get inFlight(): number {
    return this.flights.length;
  }

  /** The fencing token of the lease this actor writes under (tests, diagnostics). */
  get leaseToken(): number | undefined {
    return this.token;
  }

  /** Read-only view of the snapshot for answers that need no decision (stock reads). */
  get view(): PartitionSnapshot | undefined {
    return this.state === 'ready' ? this.snapshot : undefined;
  }

  /** Takes the lease (retrying while another owner holds it) and loads the snapshot, in the background. */
  start(): void {
    this.recover('starting');
  }

  /** Resolves once ready, or false after `timeoutMs`. */
  async whenReady(timeoutMs: number): Promise<boolean> {
    if (this.state === 'ready') return true;
    if (this.state === 'stopping' || this.state === 'stopped') return false;
    let timer: NodeJS.Timeout | undefined;
    const ready = await Promise.race([
      new Promise<boolean>((resolve) => this.readyWaiters.push(() => resolve(true))),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    return ready;
  }

  submit(command: Command): Promise<Outcome> {
    if (this.state === 'stopping' || this.state === 'stopped') {
      this.options.metrics.refusals.inc({ reason: 'unavailable' });
      return Promise.reject(new PartitionUnavailableError(this.partition, 'handed over'));
    }
    if (this.mailbox.length >= this.options.mailboxLimit) {
      this.options.metrics.refusals.inc({ reason: 'overloaded' });
      return Promise.reject(new OverloadedError(this.partition));
    }
    return new Promise<Outcome>((resolve, reject) => {
      this.mailbox.push({ command, resolve, reject, queuedAt: Date.now(), attempts: 0 });
      if (this.state !== 'ready') this.watchStaleCommands();
      else if (!this.draining) this.kick();
      else this.scheduleSend();
    });
  }

  /** The lease was lost (renewal found another token): stop deciding until it is ours again. */
  leaseLost(): void {
    if (this.state !== 'ready') return;
    this.options.logger.warn({ partition: this.partition }, 'partition lease lost; reacquiring');
    this.recover('lease lost');
  }

  /**
   * Hands the partition over: finishes the batch in flight, refuses what is queued (the callers
   * retry on the new owner), gives the lease up.
   */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopping';
    this.stopSignal.abort();
    await this.draining;
    await this.acquiring;
    clearInterval(this.staleTimer);
    this.rejectAll(new PartitionUnavailableError(this.partition, 'handed over'));
    const token = this.token;
    this.token = undefined;
    this.snapshot = undefined;
    if (token !== undefined) {
      await this.options.store.releaseLease(this.partition, this.options.owner, token).catch((err: unknown) => {
        this.options.logger.warn({ partition: this.partition, err: String(err) }, 'could not release the lease; it expires by itself');
      });
    }
    this.state = 'stopped';
  }

  /** Expiry and pruning work for the sweeper: anything due? */
  hasDueHolds(now: number): boolean {
    const next = this.snapshot?.nextExpiry();
    return next !== undefined && next <= now;
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
    const flights = this.flights;
    try {
      while (flights.length > 0 || (this.state === 'ready' && this.mailbox.length > 0)) {
        if (this.state === 'ready' && !this.session && this.mailbox.length > 0) this.session = await this.options.store.session();
        if (this.session) this.send(flights, this.session);
        const head = flights[0];
        if (!head) break;
        const error = await head.done;
        if (error === undefined) {
          flights.shift();
          this.committed(head);
          if (head.delta.reloadAfterCommit) {
            this.sendsPaused = true;
            await this.reload()
              .catch(() => this.recover('reload failed'))
              .finally(() => (this.sendsPaused = false));
          }
          continue;
        }
        this.sendsPaused = true;
        try {
          const failed = flights.splice(0);
          await Promise.all(failed.map((f) => f.done));
          const broken = !(error instanceof FencedError || error instanceof DivergedError || error instanceof KeyConflictError);
          this.session?.end(broken);
          this.session = undefined;
          await this.afterFailure(error, failed);
        } finally {
          this.sendsPaused = false;
        }
      }
    } catch (err) {
      // A bug or a lost connection while opening a session: no promise may be left hanging.
      this.options.logger.error({ err, partition: this.partition }, 'batch processing failed');
      for (const f of flights.splice(0)) for (const p of f.batch) p.reject(err);
      this.session?.end(true);
      this.session = undefined;
      this.recover('batch processing failed');
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
    if (this.sendScheduled || this.flights.length >= PIPELINE_DEPTH) return;
    this.sendScheduled = true;
    setImmediate(() => {
      this.sendScheduled = false;
      if (this.session && !this.sendsPaused && this.state === 'ready') this.send(this.flights, this.session);
    });
  }

  /** Decides and sends batches while the pipeline has room. */
  private send(flights: Flight[], session: BatchSession): void {
    while (this.state === 'ready' && this.mailbox.length > 0 && flights.length < PIPELINE_DEPTH) {
      const snapshot = this.snapshot;
      const token = this.token;
      if (!snapshot || token === undefined) return;
      // Only reservation batches follow one in flight (see drain); others wait for an empty pipeline.
      if (flights.length > 0 && !(flights.every((f) => f.pipelined) && pipelinable(this.mailbox[0]!.command))) return;
      const batch = flights.length > 0 ? this.takePipelinable() : this.mailbox.splice(0, this.options.maxBatch);
      const commands = batch.map((p) => p.command);
      const now = this.options.clock.now().getTime();
      const { outcomes, delta } = decideBatch(snapshot, commands, now);
      const pipelined = commands.every(pipelinable);
      if (isEmptyDelta(delta)) {
        // Nothing to write; but replays of a batch in flight may only be answered after it.
        if (flights.length === 0) this.settle(batch, outcomes);
        else flights.push({ batch, outcomes, delta, started: performance.now(), pipelined, done: Promise.resolve(undefined) });
        continue;
      }
      applyDelta(snapshot, delta);
      if (commands.some((c) => c.kind === 'expireDue')) snapshot.forgetFinishedBefore(now - this.options.keyWindowMs);
      // Chained to the last batch in flight that writes: it must have committed for this one to.
      const previous = [...flights].reverse().find((f) => f.delta.itemInserts.length > 0)?.delta.itemInserts[0];
      const after = previous ? { reservationId: previous.reservationId, sku: previous.sku } : undefined;
      const done = session.commit({ partition: this.partition, owner: this.options.owner, token }, delta, after).then(
        () => undefined,
        (err: unknown) => err ?? new Error('commit failed'),
      );
      flights.push({ batch, outcomes, delta, started: performance.now(), pipelined, done });
    }
  }

  private takePipelinable(): Pending[] {
    let n = 0;
    while (n < this.mailbox.length && n < this.options.maxBatch && pipelinable(this.mailbox[n]!.command)) n++;
    return this.mailbox.splice(0, n);
  }

  private committed(flight: Flight): void {
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
  private async afterFailure(error: unknown, failed: Flight[]): Promise<void> {
    const { metrics, logger } = this.options;
    const pending = failed.flatMap((f) => f.batch);
    if (this.state !== 'ready') {
      this.retry(pending, error);
      return;
    }
    try {
      if (error instanceof KeyConflictError) {
        metrics.conflicts.inc({ reason: 'key' });
        await this.reload();
        const keys = pending.flatMap((p) => (p.command.kind === 'reserve' ? [p.command.idempotencyKey] : []));
        for (const header of await this.options.store.reservationsByKeys(keys)) this.snapshot?.rememberKey(header);
        this.retry(pending, error);
        return;
      }
      if (error instanceof DivergedError) {
        metrics.conflicts.inc({ reason: 'diverged' });
        logger.warn({ partition: this.partition, err: error.message }, 'batch refused: snapshot diverged from the database; reloading');
        await this.reload();
        this.retry(pending, error);
        return;
      }
      if (error instanceof FencedError) {
        metrics.conflicts.inc({ reason: 'fenced' });
        logger.warn({ partition: this.partition }, 'batch refused: another owner holds the partition lease');
        // Maybe the other owner is gone and the lease is free again: take it, reload, decide again.
        const token = await this.options.store.acquireLease(this.partition, this.options.owner);
        if (token !== undefined) {
          this.token = token;
          await this.reload();
          this.retry(pending, error);
          return;
        }
        this.recover('fenced');
        for (const p of pending) p.reject(new PartitionUnavailableError(this.partition, 'another instance owns it'));
        return;
      }
    } catch {
      // The database went away while recovering: wait for it like after any unknown outcome.
      this.recover('reload failed');
      this.retry(pending, error);
      return;
    }
    // The database went away mid-commit: those batches may or may not have committed. Answer
    // with the failure (clients retry with the same key) and reload before deciding anything else.
    this.recover('commit outcome unknown');
    for (const p of pending) p.reject(asError(error));
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

  /** Leaves 'ready' and, in the background, takes the lease again and reloads until it works. */
  private recover(reason: string): void {
    if (this.state === 'stopping' || this.state === 'stopped' || this.acquiring) return;
    this.state = 'acquiring';
    this.snapshot = undefined;
    // Commands already queued wait at most readyWaitMs for the partition to be back.
    this.watchStaleCommands();
    this.acquiring = this.acquireLoop(reason).finally(() => {
      this.acquiring = undefined;
    });
  }

  private async acquireLoop(reason: string): Promise<void> {
    const { store, owner, logger } = this.options;
    let attempts = 0;
    while (!this.stopSignal.signal.aborted) {
      attempts++;
      try {
        const token = await store.acquireLease(this.partition, owner);
        if (token !== undefined) {
          this.token = token;
          await this.reload();
          if (this.stopSignal.signal.aborted) return;
          this.state = 'ready';
          if (attempts > 1 || reason !== 'starting') logger.info({ partition: this.partition, token, reason, attempts }, 'partition ready');
          for (const wake of this.readyWaiters.splice(0)) wake();
          this.kick();
          return;
        }
      } catch (err) {
        if (attempts === 1 || attempts % 20 === 0) logger.warn({ partition: this.partition, err: String(err), attempts }, 'cannot take the partition yet');
      }
      try {
        await sleep(this.options.acquireRetryMs, undefined, { signal: this.stopSignal.signal });
      } catch {
        return; // stopped
      }
    }
  }

  /** While not ready, commands wait at most `readyWaitMs`, then get 503 so callers can retry elsewhere. */
  private watchStaleCommands(): void {
    if (this.staleTimer) return;
    this.staleTimer = setInterval(() => {
      if (this.state === 'ready' || this.mailbox.length === 0) {
        clearInterval(this.staleTimer);
        this.staleTimer = undefined;
        return;
      }
      const limit = Date.now() - this.options.readyWaitMs;
      let stale = 0;
      while (stale < this.mailbox.length && this.mailbox[stale]!.queuedAt <= limit) stale++;
      if (stale === 0) return;
      this.options.metrics.refusals.inc({ reason: 'unavailable' }, stale);
      for (const p of this.mailbox.splice(0, stale)) p.reject(new PartitionUnavailableError(this.partition, 'not ready'));
    }, Math.min(100, this.options.readyWaitMs));
    this.staleTimer.unref();
  }

  private requeue(batch: Pending[]): void {
    if (this.state === 'stopping' || this.state === 'stopped') {
      for (const p of batch) p.reject(new PartitionUnavailableError(this.partition, 'handed over'));
      return;
    }
    this.mailbox.unshift(...batch);
    this.watchStaleCommands();
  }

  private settle(batch: Pending[], outcomes: Outcome[]): void {
    for (let i = 0; i < batch.length; i++) batch[i]!.resolve(outcomes[i]!);
  }

  private rejectAll(error: Error): void {
    for (const p of this.mailbox.splice(0)) p.reject(error);
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
