import type { Logger } from '@shop/observability';
import type { PartitionOwnership } from '../ownership/partition-ownership.js';
import type { PartitionStore } from '../adapters/partition-store.js';
import type { ReservationActor } from './reservation-actor.js';

export interface PartitionManagerOptions {
  ownership: PartitionOwnership;
  store: Pick<PartitionStore, 'renewLeases'>;
  createActor: (partition: number) => ReservationActor;
  /** Leases are renewed this often (a third of their TTL is a good value). */
  renewEveryMs: number;
  logger: Logger;
}

/**
 * Runs one actor per partition assigned to this instance: starts actors for partitions that
 * arrive, stops (hands over) those that leave, and keeps the leases of idle partitions alive.
 */
export class PartitionManager {
  private readonly actors = new Map<number, ReservationActor>();
  private syncing: Promise<void> = Promise.resolve();
  private renewTimer: NodeJS.Timeout | undefined;
  private renewing = false;

  constructor(private readonly options: PartitionManagerOptions) {}

  async start(): Promise<void> {
    this.options.ownership.onChange(() => this.sync());
    await this.sync();
    this.renewTimer = setInterval(() => void this.renew(), this.options.renewEveryMs);
    this.renewTimer.unref();
  }

  actor(partition: number): ReservationActor | undefined {
    return this.actors.get(partition);
  }

  all(): ReservationActor[] {
    return [...this.actors.values()];
  }

  /** True once every assigned partition is ready, false after `timeoutMs`. */
  async whenReady(timeoutMs: number): Promise<boolean> {
    await this.syncing;
    const ready = await Promise.all(this.all().map((a) => a.whenReady(timeoutMs)));
    return ready.every(Boolean);
  }

  /** Brings the actors in line with the current assignment; runs one sync at a time. */
  sync(): Promise<void> {
    this.syncing = this.syncing.then(() => this.syncNow()).catch((err: unknown) => {
      this.options.logger.error({ err }, 'partition sync failed');
    });
    return this.syncing;
  }

  async stop(): Promise<void> {
    clearInterval(this.renewTimer);
    await this.syncing;
    const actors = this.all();
    this.actors.clear();
    await Promise.all(actors.map((a) => a.stop()));
  }

  private async syncNow(): Promise<void> {
    const owned = new Set(this.options.ownership.owned());
    const leaving: ReservationActor[] = [];
    for (const [partition, actor] of this.actors) {
      if (!owned.has(partition)) {
        this.actors.delete(partition);
        leaving.push(actor);
      }
    }
    const arriving: number[] = [];
    for (const partition of owned) {
      if (this.actors.has(partition)) continue;
      const actor = this.options.createActor(partition);
      this.actors.set(partition, actor);
      actor.start();
      arriving.push(partition);
    }
    if (leaving.length > 0 || arriving.length > 0) {
      this.options.logger.info({ arriving: arriving.length, leaving: leaving.length, owned: owned.size }, 'partition assignment applied');
    }
    await Promise.all(leaving.map((a) => a.stop()));
  }

  private async renew(): Promise<void> {
    if (this.renewing) return;
    this.renewing = true;
    try {
      const held = this.all().flatMap((a) => (a.isReady && a.leaseToken !== undefined ? [{ partition: a.partition, token: a.leaseToken, actor: a }] : []));
      const renewed = await this.options.store.renewLeases(this.options.ownership.instanceId, held);
      for (const h of held) if (!renewed.has(h.partition) && h.actor.leaseToken === h.token) h.actor.leaseLost();
    } catch (err) {
      this.options.logger.warn({ err: String(err) }, 'lease renewal failed; retrying');
    } finally {
      this.renewing = false;
    }
  }
}
