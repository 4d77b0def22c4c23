import type { InstanceInfo } from './instance-info.js';
import type { PartitionAssigner } from './partition-assigner.js';
import { assertPartitionCount, partitionOf } from './stable-hash.js';

/**
 * An immutable snapshot: which live instance owns each partition. Built from a live instance set by
 * a `PartitionAssigner`; every lookup is an array index.
 */
export class PartitionAssignment {
  /** Live instances sorted by id (one per id). */
  readonly instances: readonly InstanceInfo[];
  private readonly owners: readonly (InstanceInfo | undefined)[];

  private constructor(
    readonly partitions: number,
    instances: readonly InstanceInfo[],
    owners: readonly (InstanceInfo | undefined)[],
  ) {
    this.instances = instances;
    this.owners = owners;
  }

  static build(partitions: number, instances: readonly InstanceInfo[], assigner: PartitionAssigner): PartitionAssignment {
    assertPartitionCount(partitions);
    const byId = new Map<string, InstanceInfo>();
    // One entry per id; if an id were listed twice, the last listing wins (latest heartbeat data).
    for (const instance of instances) byId.set(instance.id, instance);
    const sorted = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const ownerIds = assigner.assign(partitions, sorted);
    const owners = Array.from({ length: partitions }, (_, p) => {
      const id = ownerIds.get(p);
      return id === undefined ? undefined : byId.get(id);
    });
    return new PartitionAssignment(partitions, sorted, owners);
  }

  static empty(partitions: number): PartitionAssignment {
    assertPartitionCount(partitions);
    return new PartitionAssignment(partitions, [], new Array<undefined>(partitions).fill(undefined));
  }

  partitionOf(key: string): number {
    return partitionOf(key, this.partitions);
  }

  /** The owner of partition `p`; undefined when no instance is live or `p` is out of range. */
  ownerOfPartition(partition: number): InstanceInfo | undefined {
    return this.owners[partition];
  }

  instanceFor(key: string): InstanceInfo | undefined {
    return this.owners[this.partitionOf(key)];
  }

  /** Partitions owned by the instance, ascending; empty when it is not live. */
  partitionsOwnedBy(instanceId: string): number[] {
    const owned: number[] = [];
    this.owners.forEach((owner, p) => {
      if (owner?.id === instanceId) owned.push(p);
    });
    return owned;
  }

  /** Partition → owner id. */
  toMap(): Map<number, string> {
    const map = new Map<number, string>();
    this.owners.forEach((owner, p) => {
      if (owner) map.set(p, owner.id);
    });
    return map;
  }

  /**
   * Partitions whose owner (id or URL) differs from `previous`, ascending. Against an assignment
   * with a different partition count every partition counts as moved.
   */
  movedSince(previous: PartitionAssignment): number[] {
    const moved: number[] = [];
    for (let p = 0; p < this.partitions; p++) {
      const before = previous.partitions === this.partitions ? previous.owners[p] : undefined;
      const after = this.owners[p];
      if (previous.partitions !== this.partitions || before?.id !== after?.id || before?.url !== after?.url) moved.push(p);
    }
    return moved;
  }

  /** True when both have the same live instances (ids and URLs) and partition count. */
  sameInstancesAs(other: PartitionAssignment): boolean {
    return (
      this.partitions === other.partitions &&
      this.instances.length === other.instances.length &&
      this.instances.every((i, n) => i.id === other.instances[n]!.id && i.url === other.instances[n]!.url)
    );
  }
}
