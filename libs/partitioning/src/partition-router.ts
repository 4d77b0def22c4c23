import { setTimeout as sleep } from 'node:timers/promises';
import type { InstanceInfo } from './domain/instance-info.js';
import type { PartitionAssigner } from './domain/partition-assigner.js';
import { PartitionAssignment } from './domain/partition-assignment.js';
import { RendezvousAssigner } from './domain/rendezvous-assigner.js';
import { DEFAULT_PARTITIONS, assertPartitionCount } from './domain/stable-hash.js';
import type { LiveInstanceSource } from './instance-registry.js';
import { errorMessage, type LibraryLogger as PartitioningLogger, silentLogger } from '@shop/observability';

export const DEFAULT_REFRESH_MS = 500;

/** What changed: the partitions whose owner (id or URL) differs between the two assignments. */
export interface AssignmentChange {
  previous: PartitionAssignment;
  current: PartitionAssignment;
  /** Ascending; never empty. */
  moved: readonly number[];
}

export type AssignmentListener = (change: AssignmentChange) => void | Promise<void>;

export interface PartitionRouterOptions {
  /** Usually an `InstanceRegistry` (read side); any source of the live instance list works. */
  source: LiveInstanceSource;
  /** Partition count P; every gateway and instance must use the same. Default 64. */
  partitions?: number;
  /** Default `RendezvousAssigner`; every process must use the same. */
  assigner?: PartitionAssigner;
  /** Time between the end of one refresh and the start of the next. Default 500 ms. */
  refreshMs?: number;
  logger?: PartitioningLogger;
}

/**
 * A process's live view of who owns which partition, for the gateway (where to send a SKU's
 * request) and for inventory instances (which partitions to serve). It re-reads the live instances
 * every `refreshMs` (or on `refresh()`) and recomputes the assignment, which is a pure function of
 * that list, so every process that read the same list agrees.
 *
 * Routing is for speed only: between a change and the next refresh two processes may disagree
 * briefly; the inventory service fences its writes, so that costs a retry, never correctness. When
 * the source cannot be read the last view is kept (and the failure logged).
 */
export class PartitionRouter {
  readonly partitions: number;
  readonly refreshMs: number;
  private readonly source: LiveInstanceSource;
  private readonly assigner: PartitionAssigner;
  private readonly logger: PartitioningLogger;
  private readonly listeners = new Set<AssignmentListener>();
  private current: PartitionAssignment;
  private inFlight: Promise<PartitionAssignment> | undefined;
  private queued: Promise<PartitionAssignment> | undefined;
  private loop: Promise<void> | undefined;
  private stopSignal = new AbortController();
  private failures = 0;

  constructor(options: PartitionRouterOptions) {
    this.partitions = options.partitions ?? DEFAULT_PARTITIONS;
    assertPartitionCount(this.partitions);
    this.refreshMs = options.refreshMs ?? DEFAULT_REFRESH_MS;
    if (!(this.refreshMs > 0)) throw new RangeError(`refreshMs must be positive, got ${this.refreshMs}`);
    this.source = options.source;
    this.assigner = options.assigner ?? new RendezvousAssigner();
    this.logger = options.logger ?? silentLogger;
    this.current = PartitionAssignment.empty(this.partitions);
  }

  /** The current assignment (an immutable snapshot). */
  get assignment(): PartitionAssignment {
    return this.current;
  }

  /** Live instances in the current view, sorted by id. */
  get instances(): readonly InstanceInfo[] {
    return this.current.instances;
  }

  /**
   * Does a first refresh (a failure is logged, not thrown: the router keeps trying and routes
   * nothing until it succeeds), then refreshes every `refreshMs` until `stop()`.
   */
  async start(): Promise<void> {
    if (this.loop) return;
    this.stopSignal = new AbortController();
    await this.refreshLogged();
    this.loop = this.refreshLoop(this.stopSignal.signal);
  }

  /** Stops refreshing; resolves once a refresh in flight (and its listeners) finished. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopSignal.abort();
    await this.loop;
    this.loop = undefined;
  }

  /**
   * Re-reads the live instances now; resolves with the assignment after listeners of any change
   * ran. Calls during a refresh are coalesced into one more refresh that starts after it (so it
   * sees state newer than the call). Rejects when the source cannot be read (the view is kept).
   */
  refresh(): Promise<PartitionAssignment> {
    if (!this.inFlight) {
      this.inFlight = this.readAndApply().finally(() => {
        this.inFlight = undefined;
      });
      return this.inFlight;
    }
    this.queued ??= this.inFlight
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.refresh();
      });
    return this.queued;
  }

  /**
   * Calls `listener` after each refresh that moved at least one partition, with the previous and
   * new assignment. Listeners run one change at a time, in order, and are awaited before the next
   * refresh (keep them short, or hand the work off); a listener's error is logged. Returns an
   * unsubscribe function.
   */
  onChange(listener: AssignmentListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  partitionOf(sku: string): number {
    return this.current.partitionOf(sku);
  }

  /** The instance owning the SKU's partition; undefined when no instance is live (answer 503). */
  instanceFor(sku: string): InstanceInfo | undefined {
    return this.current.instanceFor(sku);
  }

  ownerOfPartition(partition: number): InstanceInfo | undefined {
    return this.current.ownerOfPartition(partition);
  }

  partitionsOwnedBy(instanceId: string): number[] {
    return this.current.partitionsOwnedBy(instanceId);
  }

  private async readAndApply(): Promise<PartitionAssignment> {
    const instances = await this.source.liveInstances();
    const next = PartitionAssignment.build(this.partitions, instances, this.assigner);
    const previous = this.current;
    const moved = next.movedSince(previous);
    // Keep the old object when nothing changed, so identity tells "same assignment" cheaply.
    if (moved.length === 0 && next.sameInstancesAs(previous)) return previous;
    this.current = next;
    if (moved.length > 0) {
      this.logger.info(
        { partitions: this.partitions, instances: next.instances.map((i) => i.id), moved: moved.length },
        'partition assignment changed',
      );
      await this.notify({ previous, current: next, moved });
    }
    return next;
  }

  private async notify(change: AssignmentChange): Promise<void> {
    for (const listener of [...this.listeners]) {
      try {
        await listener(change);
      } catch (error) {
        this.logger.error({ error: errorMessage(error) }, 'partition assignment listener failed');
      }
    }
  }

  private async refreshLogged(): Promise<void> {
    try {
      await this.refresh();
      if (this.failures > 0) this.logger.info({ failures: this.failures }, 'live instances readable again');
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      // First failure, then about every 10 s: the view is kept meanwhile.
      if (this.failures === 1 || this.failures % Math.max(1, Math.round(10_000 / this.refreshMs)) === 0) {
        this.logger.error({ failures: this.failures, error: errorMessage(error) }, 'cannot read live instances; keeping the last view');
      }
    }
  }

  private async refreshLoop(signal: AbortSignal): Promise<void> {
    for (;;) {
      try {
        await sleep(this.refreshMs, undefined, { signal });
      } catch {
        return; // aborted
      }
      await this.refreshLogged();
    }
  }
}
