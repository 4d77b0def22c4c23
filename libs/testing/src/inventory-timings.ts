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
