import type { InstanceInfo } from './instance-info.js';

/**
 * Decides which instance owns each partition. Implementations must be deterministic functions of
 * the partition count and the SET of instance ids (order and duplicates must not matter), so that
 * every gateway and every instance computing it from the same live set agrees.
 */
export interface PartitionAssigner {
  /** Owner id of every partition `0 … partitions-1`; empty when there is no instance. */
  assign(partitions: number, instances: readonly InstanceInfo[]): Map<number, string>;
  /** Owner id of one partition, or undefined when there is no instance. */
  ownerOf(partition: number, instances: readonly InstanceInfo[]): string | undefined;
}
