/**
 * Inventory cluster settings for tests: few partitions, short leases and heartbeats and a quick
 * router refresh, so a lost instance is noticed and its partitions move in about a second.
 */
export const INVENTORY_QUICK_FAILOVER: Readonly<Record<string, string>> = {
  INVENTORY_PARTITIONS: '8',
  LEASE_TTL_MS: '1500',
  REGISTRY_HEARTBEAT_MS: '200',
  REGISTRY_TTL_MS: '800',
  ROUTER_REFRESH_MS: '100',
};

/** Anything that runs a query: a pg Pool or Client. */
interface Queryable {
  query<R extends object>(sql: string, params: unknown[]): Promise<{ rows: R[] }>;
}

/** The stored reservations under these idempotency keys, by key: what a client was told must be there. */
export async function reservationsByKey(db: Queryable, keys: Iterable<string>): Promise<Map<string, { id: string; status: string }>> {
  const { rows } = await db.query<{ id: string; idempotency_key: string; status: string }>(
    'SELECT id, idempotency_key, status FROM inventory.reservation WHERE idempotency_key = ANY($1)',
    [[...keys]],
  );
  return new Map(rows.map((r) => [r.idempotency_key, { id: r.id, status: r.status }]));
}
