import { partitionOfReservationId } from './reservation-id.js';
import { partitionOf } from './stable-hash.js';

/** An HTTP request to the inventory service, as far as routing cares. */
export interface InventoryRequest {
  method: string;
  /** Path as received, e.g. `/api/inventory/tee-black-m`; a query string is ignored. */
  path: string;
  /** Parsed JSON body, when there is one. */
  body?: unknown;
}

/** What decides the partition of a request: a SKU, the partition in a reservation id, or nothing (any instance). */
export type InventoryRoutingKey =
  | { by: 'sku'; sku: string; partition: number }
  | { by: 'reservation'; reservationId: string; partition: number }
  | { by: 'any'; partition: number };

/**
 * The routing key of an inventory request: the one rule the gateway, the checkout saga and the
 * inventory instances share, so a request lands where its partition is served (safety is the
 * inventory's fencing; this is for speed).
 * - `/api/inventory/:sku[/…]` and `/api/admin/inventory/:sku[/…]` → the SKU;
 * - `POST /api/inventory/reservations` with `{ items: [{ sku, quantity }, …] }` → the FIRST item's
 *   SKU: the receiving instance coordinates a multi-SKU reservation across partitions;
 * - `/api/inventory/reservations/:id[/…]` and `/internal/inventory/reservations/:id/…` → the
 *   partition in the id when it follows `r<partition>_<uuid>` and is below the partition count;
 * - anything else (other ids, malformed bodies, listings) → `any`, with a partition stable per
 *   path (or id), so some live instance answers (or rejects) it.
 * A SKU literally named `reservations` cannot be addressed as `/api/inventory/reservations`.
 */
export function inventoryRoutingKey(request: InventoryRequest, partitions: number): InventoryRoutingKey {
  const any = (key: string): InventoryRoutingKey => ({ by: 'any', partition: partitionOf(key, partitions) });
  const bySku = (sku: string): InventoryRoutingKey => ({ by: 'sku', sku, partition: partitionOf(sku, partitions) });
  const segments = segmentsOf(request.path);
  if (!segments) return any(request.path);
  const [root, first, second, third] = segments;

  if ((root === 'api' || root === 'internal') && first === 'inventory' && second === 'reservations') {
    if (third === undefined) {
      const sku = root === 'api' && request.method.toUpperCase() === 'POST' ? reservationRoutingSku(request.body) : undefined;
      return sku === undefined ? any(request.path) : bySku(sku);
    }
    const partition = reservationPartition(third, partitions);
    return partition === undefined ? any(third) : { by: 'reservation', reservationId: third, partition };
  }
  if (root !== 'api') return any(request.path);
  if (first === 'inventory' && second !== undefined) return bySku(second);
  if (first === 'admin' && second === 'inventory' && third !== undefined) return bySku(third);
  return any(request.path);
}

/** The partition a reservation id names, when it follows the convention and is below the partition count. */
export function reservationPartition(reservationId: string, partitions: number): number | undefined {
  const partition = partitionOfReservationId(reservationId);
  return partition !== undefined && partition < partitions ? partition : undefined;
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

/**
 * The SKU a reservation request is routed by: its first item's (that partition coordinates the
 * others). Undefined for a body without one.
 */
export function reservationRoutingSku(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const items: unknown = (body as { items?: unknown }).items;
  if (!Array.isArray(items) || items.length === 0) return undefined;
  const first: unknown = items[0];
  if (typeof first !== 'object' || first === null) return undefined;
  const sku: unknown = (first as { sku?: unknown }).sku;
  return typeof sku === 'string' && sku.length > 0 ? sku : undefined;
}
