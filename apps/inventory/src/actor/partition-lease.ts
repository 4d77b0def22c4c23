import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@shop/observability';
import type { PartitionStore } from '../adapters/partition-store.js';

export type LeaseStore = Pick<PartitionStore, 'acquireLease' | 'releaseLease'>;

export interface PartitionLeaseOptions {
  partition: number;
  /** This instance's id: the lease owner. */
  owner: string;
  store: LeaseStore;
  /** Pause between attempts to take the lease while another owner holds it (or the database is away). */
  retryMs: number;
  logger: Logger;
}

/**
 * One partition's lease, as this instance holds it: takes it (retrying until it is free), takes
 * it back after a fenced batch when the other owner's lease lapsed, gives it up on handover.
 * Every acquisition bumps the fencing token, so batches sent under an older one are refused.
 * Renewal runs for all partitions at once in the PartitionManager, which tells the actor when
 * the renewal found another token.
 */
export class PartitionLease {
  private current: number | undefined;

  constructor(private readonly o: PartitionLeaseOptions) {}

  /** The fencing token batches are written under; undefined before the first acquisition and after release. */
  get token(): number | undefined {
    return this.current;
  }

  /**
   * Takes the lease and, holding it, runs `onTaken` (loading the snapshot under that token); both
   * are tried again every `retryMs` until they work. Resolves with the attempts it took, or
   * undefined once `signal` aborts (handover).
   */
  async acquire(signal: AbortSignal, onTaken: () => Promise<void>): Promise<number | undefined> {
    const { store, partition, owner, logger } = this.o;
    let attempts = 0;
    while (!signal.aborted) {
      attempts++;
      try {
        const token = await store.acquireLease(partition, owner);
        if (token !== undefined) {
          this.current = token;
          await onTaken();
          return signal.aborted ? undefined : attempts;
        }
      } catch (err) {
        if (attempts === 1 || attempts % 20 === 0) logger.warn({ partition, err: String(err), attempts }, 'cannot take the partition yet');
      }
      try {
        await sleep(this.o.retryMs, undefined, { signal });
      } catch {
        return undefined; // stopped
      }
    }
    return undefined;
  }

  /** One attempt to take the lease back (it is free again, or still ours); true when taken. Throws when the database is away. */
  async retake(): Promise<boolean> {
    const token = await this.o.store.acquireLease(this.o.partition, this.o.owner);
    if (token === undefined) return false;
    this.current = token;
    return true;
  }

  /** Gives the lease up at once, if held; a failure only logs (the lease expires by itself). */
  async release(): Promise<void> {
    const token = this.current;
    this.current = undefined;
    if (token === undefined) return;
    await this.o.store.releaseLease(this.o.partition, this.o.owner, token).catch((err: unknown) => {
      this.o.logger.warn({ partition: this.o.partition, err: String(err) }, 'could not release the lease; it expires by itself');
    });
  }
}
