export {
  partitionOf,
  stableHash32,
  fnv1a32,
  fmix32,
  DEFAULT_PARTITIONS,
  MAX_PARTITIONS,
} from './domain/stable-hash.js';
export type { InstanceInfo } from './domain/instance-info.js';
export type { PartitionAssigner } from './domain/partition-assigner.js';
export { RendezvousAssigner } from './domain/rendezvous-assigner.js';
export { PartitionAssignment } from './domain/partition-assignment.js';
export { mintReservationId, partitionOfReservationId } from './domain/reservation-id.js';
export {
  inventoryRoutingKey,
  reservationRoutingSku,
  reservationPartition,
  type InventoryRequest,
  type InventoryRoutingKey,
} from './domain/inventory-routing-key.js';
export {
  InstanceRegistry,
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_TTL_MS,
  type InstanceRegistryOptions,
  type InstanceRegistration,
  type LiveInstanceSource,
} from './instance-registry.js';
export { registryKeys, type RegistryKeys } from './registry-keys.js';
export {
  PartitionRouter,
  DEFAULT_REFRESH_MS,
  type PartitionRouterOptions,
  type AssignmentChange,
  type AssignmentListener,
} from './partition-router.js';
export { silentLogger, type LibraryLogger as PartitioningLogger } from '@shop/observability';
