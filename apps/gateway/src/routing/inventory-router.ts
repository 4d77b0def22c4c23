import { type InstanceInfo, type InventoryRequest, type InventoryRoutingKey, inventoryRoutingKey } from '@shop/partitioning';

/** What routing needs from the live partition view; a `PartitionRouter` (or `PartitionAssignment`) fits. */
export interface PartitionView {
  readonly partitions: number;
  ownerOfPartition(partition: number): InstanceInfo | undefined;
}

/** What decided the route: a SKU, the partition in a reservation id, or nothing (any live instance). */
export type RoutingKey = InventoryRoutingKey;
export type { InventoryRequest };

export interface InventoryRoute {
  key: RoutingKey;
  /** Undefined when no inventory instance is live: answer 503. */
  instance: InstanceInfo | undefined;
}

/**
 * Picks the inventory instance that owns the partition deciding a request (partition-sticky
 * routing by `inventoryRoutingKey` of @shop/partitioning, the rule the inventory instances and
 * the checkout saga share; safety is the inventory service's fencing, this is for speed).
 */
export class InventoryRouter {
  constructor(private readonly view: PartitionView) {}

  routingKey(request: InventoryRequest): RoutingKey {
    return inventoryRoutingKey(request, this.view.partitions);
  }

  route(request: InventoryRequest): InventoryRoute {
    const key = this.routingKey(request);
    return { key, instance: this.view.ownerOfPartition(key.partition) };
  }

  /** Base URL of the instance to proxy to; undefined when no instance is live (answer 503). */
  baseUrlFor(request: InventoryRequest): string | undefined {
    return this.route(request).instance?.url;
  }
}
