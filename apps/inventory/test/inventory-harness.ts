import pg from 'pg';
import type { Clock } from '@shop/contracts';
import { fetchJson, identityHeaders, INVENTORY_QUICK_FAILOVER, serviceHeaders, storeEnv, testEnv, uniquePrefix, type FetchJsonInit, type JsonAnswer, type TestIdentity } from '@shop/testing';
import { RendezvousAssigner } from '@shop/partitioning';
import { startInventory, type RunningInventory } from '../src/inventory-app.js';
import { InventoryEnv, inventoryConfigFrom, type InventoryConfig } from '../src/config.js';

/** Settings that make tests quick: few partitions, short leases, frequent sweeps. */
export const TEST_ENV: Record<string, string> = {
  ...INVENTORY_QUICK_FAILOVER,
  EXPIRY_SWEEP_MS: '100',
  INVENTORY_DB_POOL: '4',
};

export function testConfig(prefix: string, env: Record<string, string> = {}): InventoryConfig {
  return inventoryConfigFrom(InventoryEnv.parse({ INVENTORY_PORT: 0, ...storeEnv({ prefix }), ...TEST_ENV, ...env }));
}

export { uniquePrefix };

/** Boots the real inventory (real Postgres, real Redis) on a random port. */
export async function startTestInventory(options: { prefix?: string; env?: Record<string, string>; clock?: Clock } = {}) {
  const prefix = options.prefix ?? uniquePrefix();
  const config = testConfig(prefix, options.env);
  const service: RunningInventory = await startInventory(config, { handleSignals: false, clock: options.clock });
  return { service, url: service.url, prefix, config };
}

/** A signed user identity, a service credential, or nobody. */
export type TestCaller = TestIdentity | { service: string } | null;
export const TEST_ADMIN: TestIdentity = { userId: '00000000-0000-4000-8000-00000000ad01', role: 'admin' };

/**
 * Who a test request is from when it does not say (`caller`): an admin on /api/admin (signed for
 * the request, as the gateway does), the checkout saga (payments' credential) on reservations and
 * /internal, nobody elsewhere.
 */
function defaultCaller(path: string): TestCaller {
  if (path.startsWith('/api/admin/')) return TEST_ADMIN;
  if (path.startsWith('/internal/') || path.startsWith('/api/inventory/reservations')) return { service: 'payments' };
  return null;
}

function callerHeaders(caller: TestCaller, method: string, path: string): Record<string, string> {
  if (!caller) return {};
  return 'service' in caller ? serviceHeaders(caller.service) : identityHeaders(caller, { method, path });
}

export async function api(base: string, path: string, init: FetchJsonInit & { caller?: TestCaller } = {}): Promise<JsonAnswer> {
  const { caller, ...rest } = init;
  return fetchJson(base + path, {
    ...rest,
    headers: {
      ...callerHeaders(caller === undefined ? defaultCaller(path) : caller, rest.method ?? 'GET', path),
      ...(rest.headers as Record<string, string>),
    },
  });
}

/**
 * Ids for a test's instances (`names`, made unique to this run) that rendezvous hashing gives at
 * least `each` of `partitions` partitions apiece. The split follows from the ids, not an even
 * share: random ids leave an instance with none now and then (two instances on 8 partitions:
 * ≈ 0.8 % of runs), which a test of forwarding or failover cannot survive.
 */
export function instanceIdsOwning(partitions: number, each: number, names: readonly string[]): string[] {
  const run = Math.random().toString(36).slice(2, 8);
  for (let attempt = 0; ; attempt++) {
    const ids = names.map((name) => `${name}-${run}-${attempt}`);
    if (ids.every((id) => partitionsOwnedBy(partitions, ids, id).length >= each)) return ids;
  }
}

/** The partitions rendezvous hashing gives `id` among the instances `ids` (what it holds once they all run). */
export function partitionsOwnedBy(partitions: number, ids: readonly string[], id: string): number[] {
  const owners = new RendezvousAssigner().assign(partitions, ids.map((each) => ({ id: each, url: '', service: 'inventory' })));
  return [...owners].filter(([, owner]) => owner === id).map(([partition]) => partition);
}

let counter = 0;
/** A SKU no other test of the run uses. */
export function uniqueSku(tag = 'T'): string {
  return `${tag}-${Date.now().toString(36).toUpperCase()}-${(counter++).toString(36).toUpperCase()}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
}

export function reserve(base: string, key: string, body: unknown, caller?: TestCaller) {
  return api(base, '/api/inventory/reservations', { method: 'POST', json: body, headers: { 'idempotency-key': key }, caller });
}

export async function setStock(base: string, sku: string, onHand: number): Promise<void> {
  const res = await retryingPassing(() => api(base, `/api/admin/inventory/${sku}`, { method: 'PUT', json: { onHand } }));
  if (res.status !== 200) throw new Error(`set stock failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * Sends a request again, as a client does, while it is answered 503 (a partition moving between
 * instances, e.g. when a loaded test machine lets the instance's registry heartbeat lapse). Only
 * for requests that are safe to repeat (PUTs, reads, reservations with their Idempotency-Key).
 */
export async function retryingPassing(send: () => Promise<JsonAnswer>, attempts = 20): Promise<JsonAnswer> {
  for (let i = 1; ; i++) {
    const res = await send();
    if (res.status !== 503 || i >= attempts) return res;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A direct database connection for asserting invariants from the rows themselves. */
export function database(): pg.Pool {
  const pool = new pg.Pool({ connectionString: testEnv().databaseUrl, max: 3 });
  pool.on('error', () => undefined);
  return pool;
}

export interface SkuTotals {
  onHand: number;
  reserved: number;
  committed: number;
  heldItems: number;
  committedItems: number;
}

/** Stock row and the sums of its reservation items, straight from the database. */
export async function totalsOf(db: pg.Pool, sku: string): Promise<SkuTotals> {
  const { rows } = await db.query<{ on_hand: number; reserved: number; committed: number; held: string | null; sold: string | null }>(
    `SELECT s.on_hand, s.reserved, s.committed,
       (SELECT sum(quantity) FROM inventory.reservation_item i WHERE i.sku = s.sku AND i.status = 'held') AS held,
       (SELECT sum(quantity) FROM inventory.reservation_item i WHERE i.sku = s.sku AND i.status = 'committed') AS sold
     FROM inventory.stock s WHERE s.sku = $1`,
    [sku],
  );
  const r = rows[0];
  if (!r) throw new Error(`no stock row for ${sku}`);
  return { onHand: r.on_hand, reserved: r.reserved, committed: r.committed, heldItems: Number(r.held ?? 0), committedItems: Number(r.sold ?? 0) };
}

/** Polls `probe` until it returns true (no fixed sleeps); fails after `timeoutMs`. */
export async function eventually(probe: () => Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
