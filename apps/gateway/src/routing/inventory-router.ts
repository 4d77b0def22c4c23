import { type InstanceInfo, partitionOfReservationId } from '@shop/partitioning';

/** What routing needs from the live partition view; a `PartitionRouter` (or `PartitionAssignment`) fits. */
export interface PartitionView {
  readonly partitions: number;
  partitionOf(key: string): number;
  ownerOfPartition(partition: number): InstanceInfo | undefined;
}

export interface InventoryRequest {
  method: string;
  /** Path as received, e.g. `/api/inventory/tee-black-m`; a query string is ignored. */
  path: string;
  /** Parsed JSON body, when there is one. */
  body?: unknown;
}

/** What decided the route: a SKU, the partition in a reservation id, or nothing (any live instance). */
export type RoutingKey =
  | { by: 'sku'; sku: string; partition: number }
  | { by: 'reservation'; reservationId: string; partition: number }
  | { by: 'any'; partition: number };

export interface InventoryRoute {
  key: RoutingKey;
  /** Undefined when no inventory instance is live: answer 503. */
  instance: InstanceInfo | undefined;
}

function segmentsOf(path: string): string[] | undefined {
  const bare = path.split(/[?#]/, 1)[0] ?? '';
  try {
    return bare
      .split('/')
      .filter((s) => s.length > 0)
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined; // malformed percent-encoding: the instance will answer 400
  }
}

function firstItemSku(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const items: unknown = (body as { items?: unknown }).items;
  if (!Array.isArray(items) || items.length === 0) return undefined;
  const first: unknown = items[0];
  if (typeof first !== 'object' || first === null) return undefined;
  const sku: unknown = (first as { sku?: unknown }).sku;
  return typeof sku === 'string' && sku.length > 0 ? sku : undefined;
}

/**
 * Picks the inventory instance that owns the partition deciding a request (partition-sticky
 * routing; safety is the inventory service's fencing, this is for speed):
 * - `/api/inventory/:sku[/…]` and `/api/admin/inventory/:sku[/…]` (e.g. `GET /api/inventory/:sku`,
 *   `PUT /api/admin/inventory/:sku`, `POST /api/admin/inventory/:sku/adjustments`) → the SKU;
 * - `POST /api/inventory/reservations` with `{ items: [{ sku, quantity }, …] }` → the FIRST item's
 *   SKU: the receiving instance coordinates a multi-SKU reservation across partitions;
 * - `/api/inventory/reservations/:id[/…]` → the partition in the id when it follows the convention
 *   `r<partition>_<uuid>` (see `mintReservationId` in @shop/partitioning) and is below the
 *   partition count;
 * - anything else (other ids, malformed bodies, listings) → the owner of the path's own partition:
 *   some live instance, stable per path, which answers (or rejects) it.
 * A SKU literally named `reservations` cannot be addressed as `/api/inventory/reservations`.
 */
export class InventoryRouter {
  constructor(private readonly view: PartitionView) {}

  routingKey(request: InventoryRequest): RoutingKey {
    const segments = segmentsOf(request.path);
    const any = (key: string): RoutingKey => ({ by: 'any', partition: this.view.partitionOf(key) });
    if (!segments) return any(request.path);
    const [api, first, second, third] = segments;
    if (api !== 'api') return any(request.path);

    if (first === 'inventory' && second === 'reservations') {
      if (third === undefined) {
        const sku = request.method.toUpperCase() === 'POST' ? firstItemSku(request.body) : undefined;
        return sku === undefined ? any(request.path) : this.bySku(sku);
      }
      const partition = partitionOfReservationId(third);
      return partition !== undefined && partition < this.view.partitions
        ? { by: 'reservation', reservationId: third, partition }
        : any(third);
    }
    if (first === 'inventory' && second !== undefined) return this.bySku(second);
    if (first === 'admin' && second === 'inventory' && third !== undefined) return this.bySku(third);
    return any(request.path);
  }

  route(request: InventoryRequest): InventoryRoute {
    const key = this.routingKey(request);
    return { key, instance: this.view.ownerOfPartition(key.partition) };
  }

  /** Base URL of the instance to proxy to; undefined when no instance is live (answer 503). */
  baseUrlFor(request: InventoryRequest): string | undefined {
    return this.route(request).instance?.url;
  }

  private bySku(sku: string): RoutingKey {
    return { by: 'sku', sku, partition: this.view.partitionOf(sku) };
  }
}
