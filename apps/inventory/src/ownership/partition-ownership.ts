import type { RedisClient } from '@shop/messaging';
import { InstanceRegistry, PartitionRouter, type PartitioningLogger } from '@shop/partitioning';

/**
 * Which partitions this instance serves and who serves the others. Routing is for speed only:
 * every write is fenced by the partition lease, so a stale view costs a retry, never stock.
 */
export interface PartitionOwnership {
  readonly partitions: number;
  readonly instanceId: string;
  partitionOf(sku: string): number;
  /** Partitions assigned to this instance now. */
  owned(): number[];
  /** Base URL of the partition's assigned instance (maybe this one), or undefined when none is live. */
  ownerUrl(partition: number): string | undefined;
  isMine(partition: number): boolean;
  /** Called after each change of the assignment. */
  onChange(listener: () => Promise<void>): void;
  start(selfUrl: string): Promise<void>;
  stop(): Promise<void>;
}

export interface RegistryOwnershipOptions {
  redis: RedisClient;
  prefix: string;
  instanceId: string;
  partitions: number;
  heartbeatMs: number;
  ttlMs: number;
  refreshMs: number;
  logger: PartitioningLogger;
}

/** Ownership from @shop/partitioning: heartbeats in Redis, rendezvous hashing over the live instances. */
export class RegistryOwnership implements PartitionOwnership {
  readonly partitions: number;
  readonly instanceId: string;
  private readonly registry: InstanceRegistry;
  private readonly router: PartitionRouter;

  constructor(options: RegistryOwnershipOptions) {
    this.partitions = options.partitions;
    this.instanceId = options.instanceId;
    this.registry = new InstanceRegistry({
      redis: options.redis,
      prefix: options.prefix,
      service: 'inventory',
      heartbeatMs: options.heartbeatMs,
      ttlMs: options.ttlMs,
      logger: options.logger,
    });
    this.router = new PartitionRouter({ source: this.registry, partitions: options.partitions, refreshMs: options.refreshMs, logger: options.logger });
  }

  partitionOf(sku: string): number {
    return this.router.partitionOf(sku);
  }

  owned(): number[] {
    return this.router.partitionsOwnedBy(this.instanceId);
  }

  ownerUrl(partition: number): string | undefined {
    return this.router.ownerOfPartition(partition)?.url;
  }

  isMine(partition: number): boolean {
    return this.router.ownerOfPartition(partition)?.id === this.instanceId;
  }

  onChange(listener: () => Promise<void>): void {
    this.router.onChange(() => listener());
  }

  async start(selfUrl: string): Promise<void> {
    await this.registry.register({ id: this.instanceId, url: selfUrl });
    await this.router.start();
    await this.router.refresh();
  }

  /** Leaves the registry at once, so the others take the partitions over without waiting for the TTL. */
  async stop(): Promise<void> {
    await this.registry.deregister().catch(() => undefined);
    await this.router.stop();
  }
}
