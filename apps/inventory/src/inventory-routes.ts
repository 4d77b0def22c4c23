/**
 * The inventory's HTTP routes, in one place: the controllers register them and the peer client
 * (adapters/inventory-peer-client.ts) calls them, so a path cannot drift between the two.
 * Route templates name their parameters (`:sku`, `:id`, `:partition`) as Nest and Fastify do.
 */

/** Marks a request another inventory instance forwarded, so it is never forwarded twice. */
export const HOP_HEADER = 'x-inventory-hop';
/** A stored reservation answered again (same Idempotency-Key, same body). */
export const REPLAYED_HEADER = 'idempotent-replayed';

export const PUBLIC_PREFIX = 'api/inventory';
export const PublicRoutes = {
  reservations: 'reservations',
  reservation: 'reservations/:id',
  stock: ':sku',
  /** The benchmark's baseline (INVENTORY_NAIVE_BASELINE=true only). */
  naiveReservations: 'naive/reservations',
} as const;

export const ADMIN_PREFIX = 'api/admin/inventory';
export const AdminRoutes = {
  stock: ':sku',
  adjustments: ':sku/adjustments',
  saleLimit: ':sku/sale-limit',
  ledger: ':sku/ledger',
} as const;

/** Service-to-service routes, not exposed by the gateway. */
export const INTERNAL_PREFIX = 'internal/inventory';
export const InternalRoutes = {
  /** GET: a reservation's record (checkout, before replacing a hold). */
  reservation: 'reservations/:id',
  commit: 'reservations/:id/commit',
  release: 'reservations/:id/release',
  holds: 'partitions/:partition/holds',
  hold: 'partitions/:partition/holds/:id/:action',
  productStatus: 'partitions/:partition/product-status',
  /** POST: sold units back into available stock, once per key (peers; the orders-events consumer runs it locally). */
  restocks: 'partitions/:partition/restocks',
  expire: 'partitions/:partition/expire',
  /** GET ?skus=: available stock and stock versions of many SKUs (search's reindex). */
  stock: 'stock',
  /** POST: shoppers' reservations coalesced by the gateway, one answer per item (its credential only). */
  reservationFrames: 'reservation-frames',
} as const;

/** What a participant partition does with its hold when the coordinator decided. */
export const HOLD_ACTIONS = ['release', 'expire', 'commit'] as const;
export type HoldAction = (typeof HOLD_ACTIONS)[number];

/** The path of a route with its parameters filled in (each URI-encoded), e.g. `/api/admin/inventory/tee%20m`. */
export function pathOf(prefix: string, route: string, params: Record<string, string | number> = {}): string {
  const filled = route.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`route ${route} needs ${name}`);
    return encodeURIComponent(String(value));
  });
  return filled ? `/${prefix}/${filled}` : `/${prefix}`;
}
