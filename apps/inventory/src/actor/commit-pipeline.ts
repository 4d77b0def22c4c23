import type { BatchDelta } from '../domain/batch-delta.js';
import type { Outcome } from '../domain/commands.js';
import type { ChainLink } from '../adapters/batch-statement.js';

/** Batches in flight at once for one partition. */
export const PIPELINE_DEPTH = 2;

/** A batch sent to the database and not yet answered. */
export interface Flight<T> {
  batch: T[];
  outcomes: Outcome[];
  delta: BatchDelta;
  started: number;
  /** Only reservations and holds: another batch of those may follow it before it is answered. */
  pipelined: boolean;
  /** Undefined once committed, else the error (never rejects); see `settledCommit`. */
  done: Promise<unknown>;
}

/** A flight that writes nothing: already answered by the database, so to speak. */
export const NOTHING_TO_COMMIT: Promise<unknown> = Promise.resolve(undefined);

/** A commit as a flight's `done`: undefined once committed, else its error. */
export function settledCommit(commit: Promise<void>): Promise<unknown> {
  return commit.then(committed, failure);
}

const committed = (): undefined => undefined;
const failure = (err: unknown): unknown => err ?? new Error('commit failed');

/**
 * The batches one partition has sent on its connection and not yet seen answered, oldest first.
 * At most `depth` travel at once; a batch may follow others only when all of them, and it, are
 * pipelined (deciding them again after an undo gives the same answers). Each writing batch is
 * chained to the newest writing batch before it: it commits only if that one did. So when the
 * head fails, every batch behind it failed or must be undone too: `abandon` takes them all.
 */
export class CommitPipeline<T> {
  private readonly flights: Flight<T>[] = [];

  constructor(readonly depth: number = PIPELINE_DEPTH) {}

  get size(): number {
    return this.flights.length;
  }

  get hasRoom(): boolean {
    return this.flights.length < this.depth;
  }

  /** The oldest batch in flight: the next to be answered. */
  get head(): Flight<T> | undefined {
    return this.flights[0];
  }

  /** Whether a batch (pipelined or not) may be sent now. */
  admits(pipelined: boolean): boolean {
    if (this.flights.length >= this.depth) return false;
    if (this.flights.length === 0) return true;
    if (!pipelined) return false;
    for (const f of this.flights) if (!f.pipelined) return false;
    return true;
  }

  /** What the next writing batch is chained to: a row of the newest writing batch in flight. */
  chainLink(): ChainLink | undefined {
    for (let i = this.flights.length - 1; i >= 0; i--) {
      const first = this.flights[i]!.delta.itemInserts[0];
      if (first) return { reservationId: first.reservationId, sku: first.sku };
    }
    return undefined;
  }

  add(flight: Flight<T>): void {
    this.flights.push(flight);
  }

  /** The head committed: it leaves the pipeline. */
  shift(): Flight<T> | undefined {
    return this.flights.shift();
  }

  /** The head failed: it and every batch behind it leave the pipeline, once all of them are answered. */
  async abandon(): Promise<Flight<T>[]> {
    const failed = this.flights.splice(0);
    await Promise.all(failed.map((f) => f.done));
    return failed;
  }

  /** Everything in flight leaves at once, unanswered (batch processing failed). */
  clear(): Flight<T>[] {
    return this.flights.splice(0);
  }
}
